package org.dynamocsms.command;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the write path ({@code csms.command.*}). */
@ConfigMapping(prefix = "csms.command")
public interface CommandSettings {

    /** How long a write waits for its command's decision before answering 504. */
    @WithDefault("5s")
    Duration timeout();

    /**
     * How long a call to a charger is waited for before the API answers 202 with the call's status resource
     * (a call's own timeout may be longer).
     */
    @WithDefault("10s")
    Duration callAnswerWait();
}
