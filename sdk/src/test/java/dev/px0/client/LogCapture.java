package dev.px0.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The client's log lines while it is open (System.Logger goes to java.util.logging by default). */
final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger(Px0Client.class.getName());
    final List<LogRecord> records = new CopyOnWriteArrayList<>();

    LogCapture() {
        logger.addHandler(this);
    }

    /** The WARNING lines. */
    List<String> warnings() {
        return records.stream().filter(r -> r.getLevel() == Level.WARNING).map(LogRecord::getMessage).toList();
    }

    /** Every line, with its parameters and exception. */
    String all() {
        StringBuilder out = new StringBuilder();
        for (LogRecord r : records) {
            out.append(r.getMessage()).append(' ').append(r.getThrown()).append('\n');
        }
        return out.toString();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
