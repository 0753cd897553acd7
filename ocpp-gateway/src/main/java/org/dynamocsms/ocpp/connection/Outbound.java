package org.dynamocsms.ocpp.connection;

/** The charger's side of a connection, as a session writes to it. */
public interface Outbound {

    void send(String frame);

    void close(int code, String reason);
}
