package com.vrooli.telemetry.store.jsonl.journal;

import java.io.IOException;

/** Where an appender waits after {@link Journal#append}: the segment and the write's sequence in it. */
public record JournalTicket(JournalSegment segment, long seq) {

    /** Nothing to wait for: no record was written yet. */
    public static final JournalTicket NONE = new JournalTicket(null, 0);

    /** Returns once the record, and every record before it, is forced. */
    public void await() throws IOException {
        if (segment != null) {
            segment.awaitDurable(seq);
        }
    }
}
