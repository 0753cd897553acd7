package org.dynamocsms.standalone.logging;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Logger;

/**
 * Keeps every record every logger of the process publishes, from before the application starts (a test resource
 * starts first) to its end. Found again by the test through the root logger ({@link #records}): the test and its
 * resources may be loaded by different class loaders, the log manager and the JDK's types by one.
 */
public class LogCapture extends Handler implements QuarkusTestResourceLifecycleManager,
        Supplier<List<ExtLogRecord>> {

    private final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> start() {
        Logger.getLogger("").addHandler(this);
        return Map.of();
    }

    @Override
    public void stop() {
        Logger.getLogger("").removeHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        ExtLogRecord ext = (ExtLogRecord) record;
        ext.copyAll(); // the MDC and the formatted message as they are now, on the logging thread
        records.add(ext);
    }

    @Override
    public List<ExtLogRecord> get() {
        return records;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    /** What the capture of the running test holds. */
    @SuppressWarnings("unchecked")
    static List<ExtLogRecord> records() {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            if (handler.getClass().getName().equals(LogCapture.class.getName())) {
                return ((Supplier<List<ExtLogRecord>>) handler).get();
            }
        }
        throw new AssertionError("No LogCapture on the root logger");
    }
}
