package dev.px0.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Every log record of every logger, at every level, while open: for tests that prove a secret is never logged
 * (debug output of px0 and of its libraries included).
 */
public final class LogCapture implements AutoCloseable {

    private final Logger root = Logger.getLogger("");
    private final Level level = root.getLevel();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final List<Saved> saved = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(formatter.format(record) + " " + record.getMessage());
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public LogCapture() {
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(Level.ALL);
        // loggers with a level of their own (dev.px0, org.flywaydb, ...) keep it: open them up too
        java.util.Collections.list(java.util.logging.LogManager.getLogManager().getLoggerNames()).forEach(name -> {
            Logger logger = Logger.getLogger(name);
            if (logger.getLevel() != null && !name.isEmpty()) {
                saved.add(new Saved(logger, logger.getLevel()));
                logger.setLevel(Level.ALL);
            }
        });
    }

    private record Saved(Logger logger, Level level) {
    }

    /** Everything logged so far, one formatted record per entry (with its stack trace, if any). */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The messages logged at exactly {@code level} so far (as logged, parameters not filled in), oldest first. */
    public List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).map(LogRecord::getMessage).toList();
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        root.setLevel(level);
        saved.forEach(s -> s.logger().setLevel(s.level()));
    }
}
