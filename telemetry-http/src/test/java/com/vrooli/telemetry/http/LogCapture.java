package com.vrooli.telemetry.http;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Collects the INFO-and-above messages of one logger during a test. */
public final class LogCapture extends Handler implements BeforeEachCallback, AfterEachCallback {

    private final Logger logger;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private Level saved;

    public LogCapture(Class<?> source) {
        this.logger = Logger.getLogger(source.getName());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        saved = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addHandler(this);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        logger.removeHandler(this);
        logger.setLevel(saved);
    }

    public List<String> messages() {
        return messages;
    }

    @Override
    public void publish(LogRecord record) {
        messages.add(record.getMessage());
    }

    @Override
    public void flush() {
        // nothing buffered
    }

    @Override
    public void close() {
        // nothing held
    }
}
