package io.rivulet.storage.batch;

/** The outcome of checking the frame of a stored batch: its length, magic and CRC. */
public enum BatchCheck {
    VALID,
    /** Fewer bytes remain than the batch needs: a torn write at the tail. */
    INCOMPLETE,
    /** The length field is below the header size or above the allowed maximum (zeros read as 0). */
    BAD_LENGTH,
    BAD_MAGIC,
    BAD_CRC
}
