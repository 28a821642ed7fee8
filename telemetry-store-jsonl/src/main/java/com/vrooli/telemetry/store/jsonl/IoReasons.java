package com.vrooli.telemetry.store.jsonl;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Plain words for an I/O failure that never include a path (health details are shown to clients). */
public final class IoReasons {

    private IoReasons() {
    }

    public static String describe(IOException e) {
        if (e instanceof ClosedByInterruptException) {
            return "interrupted";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "file or directory missing";
        }
        if (e instanceof FileSystemException) {
            String reason = ((FileSystemException) e).getReason();
            return reason != null ? reason : e.getClass().getSimpleName();
        }
        String message = e.getMessage();
        return message == null || message.indexOf('/') >= 0 || message.indexOf('\\') >= 0
                ? e.getClass().getSimpleName() : message;
    }
}
