package io.rivulet.engine.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import java.lang.reflect.Array;

/**
 * A hot-path meter registered through the engine's composite registry but updated straight on the
 * meter each child registry made for it. Why: a composite meter walks its children with a fresh
 * iterator on every update, and on the append and read paths that iterator was measured not to be
 * optimized away (40 bytes per update); an array of the children costs nothing. The children are looked
 * up again whenever a registry is added or removed ({@link #refresh}). If a child registry has no meter
 * under this id (a meter filter renamed or denied it), updates go through the composite, which knows
 * how to reach it.
 *
 * <p>Threading: {@link #targets} from any thread; {@link #refresh} serialized by the owner.
 */
final class DirectMeter<M extends Meter> {
    private final M composite;
    private final Class<M> type;
    private volatile M[] targets;

    DirectMeter(M composite, Class<M> type, CompositeMeterRegistry registry) {
        this.composite = composite;
        this.type = type;
        refresh(registry);
    }

    /** The meter as registered in the composite: for removal, and what readers of the registry see. */
    M composite() {
        return composite;
    }

    /** The meters to update; do not modify the array. */
    M[] targets() {
        return targets;
    }

    @SuppressWarnings("unchecked")
    void refresh(CompositeMeterRegistry registry) {
        MeterRegistry[] children = registry.getRegistries().toArray(new MeterRegistry[0]);
        M[] found = (M[]) Array.newInstance(type, children.length);
        for (int i = 0; i < children.length; i++) {
            Meter child = children[i].find(composite.getId().getName()).tags(composite.getId().getTags()).meter();
            if (!type.isInstance(child)) {
                M[] viaComposite = (M[]) Array.newInstance(type, 1);
                viaComposite[0] = composite;
                targets = viaComposite;
                return;
            }
            found[i] = type.cast(child);
        }
        targets = found;
    }
}
