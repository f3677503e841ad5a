package io.rivulet.engine.embedded;

import io.rivulet.api.Rivulet;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProviderTest {
    @Test
    void connectingWhereNoNodeListensFailsAsDisconnectedNamingTheAddress() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free once closed: nothing listens there
        }
        String uri = "rivulet://127.0.0.1:" + port;
        RivuletException e = assertThrows(RivuletException.class,
                () -> Rivulet.connect(uri, Map.of("request.timeout.ms", "500")));
        assertEquals(ErrorCode.DISCONNECTED, e.code());
        assertTrue(e.getMessage().contains("127.0.0.1") && e.getMessage().contains("rivulet server"), e.getMessage());
    }

    @Test
    void anUnknownClientSettingIsRefusedByName() {
        RivuletException e = assertThrows(RivuletException.class,
                () -> Rivulet.connect("rivulet://127.0.0.1:1", Map.of("request.timeout", "5")));
        assertEquals(ErrorCode.INVALID_CONFIG, e.code());
        assertTrue(e.getMessage().contains("request.timeout"), e.getMessage());
    }
}
