package org.dynamocsms.bench;

/**
 * What the process-loss benchmark crashes: the standalone ({@link StandaloneProcess}, killed and started again) or
 * one process after another of the local cluster ({@link LocalClusterProcesses}, which carries on without it).
 */
interface CrashTarget extends AutoCloseable {

    /** Returns once the API answers (the standalone is started first; the cluster is running already). */
    void start() throws Exception;

    /**
     * The {@code n}-th crash (from 1): SIGKILL to a process, returning once the target is meant to serve again (the
     * standalone restarted and answering; the cluster at once). Answers what was killed.
     */
    String crash(int n) throws Exception;

    /** Its Kafka cluster's bootstrap servers, to read what the gateways recorded. */
    String kafkaBootstrap() throws Exception;
}
