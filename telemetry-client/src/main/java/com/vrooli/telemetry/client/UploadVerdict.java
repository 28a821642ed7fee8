package com.vrooli.telemetry.client;

/**
 * What an upload answer means for the batch it answers. Only an answer that judges the events
 * lets them leave the file: the server's upload answer in a 2xx ({@code accepted} or
 * {@code partial}, per-event errors counted as rejected) or its {@code rejected} answer in a 400
 * (none of the events was valid). Everything else is ambiguous, because it may come from
 * something that is not our server or says nothing about the events: 401 and 403 (a token being
 * rotated, a proxy's login), 404 (a proxy or a server being deployed), 5xx, a 400 that is not
 * our {@code rejected} answer, a 2xx whose body is a portal's HTML page. Those keep the batch,
 * which is retried with backoff, bounded only by the file's size cap. 413 asks for smaller
 * batches; one event still refused is dropped only when our server's JSON error says so.
 */
sealed interface UploadVerdict {

    /** The server judged every event of the batch: it leaves the file. */
    record Judged(UploadAnswer answer) implements UploadVerdict {
    }

    /**
     * 413: send the batch in halves. {@code judged} when the answer is our server's JSON error: only
     * then may a single event that is still too large be dropped; a proxy's 413 to one event judges
     * nothing, so that event is kept and retried.
     */
    record Split(boolean judged) implements UploadVerdict {
    }

    /** Nothing was judged: keep the batch and try again after a backoff. */
    record Retry(String why) implements UploadVerdict {
    }

    /** Reads the answer to a batch of {@code lines} events. */
    static UploadVerdict of(int status, byte[] body, int lines) {
        if (status >= 200 && status < 300) {
            return UploadAnswer.ofAccepted(body, lines).<UploadVerdict>map(Judged::new)
                    .orElseGet(() -> new Retry("HTTP " + status + " whose body is not a telemetry upload answer"));
        }
        if (status == 400) {
            return UploadAnswer.ofRejected(body, lines).<UploadVerdict>map(Judged::new)
                    .orElseGet(() -> new Retry(describe(status, body)));
        }
        if (status == 413) {
            return new Split(UploadAnswer.isErrorAnswer(body));
        }
        return new Retry(describe(status, body));
    }

    private static String describe(int status, byte[] body) {
        String error = UploadAnswer.errorOf(body);
        return "HTTP " + status + (error == null ? "" : ": " + error);
    }
}
