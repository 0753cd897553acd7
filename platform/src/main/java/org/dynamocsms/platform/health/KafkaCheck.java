package org.dynamocsms.platform.health;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness "kafka": the cluster describes itself within {@code csms.health.kafka-timeout}; the answer is reused for
 * {@code csms.health.kafka-cache}. Not a liveness check: a restart does not bring a broker back.
 */
@Readiness
@ApplicationScoped
public class KafkaCheck implements HealthCheck {

    static final String NAME = "kafka";

    @Inject
    KafkaClients kafka;

    @Inject
    HealthSettings settings;

    private Admin admin;
    private Cached<HealthCheckResponse> answer;

    @PostConstruct
    void start() {
        // one admin client for the life of the service: it reconnects by itself once the cluster is back
        admin = Admin.create(kafka.adminProperties());
        answer = new Cached<>(this::describeCluster, settings.kafkaCache(), System::nanoTime);
    }

    @PreDestroy
    void stop() {
        admin.close();
    }

    @Override
    public HealthCheckResponse call() {
        return answer.get();
    }

    private HealthCheckResponse describeCluster() {
        long timeoutMs = settings.kafkaTimeout().toMillis();
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeoutMs)).nodes()
                    .get(timeoutMs, TimeUnit.MILLISECONDS).size();
            return HealthCheckResponse.named(NAME).up().withData("brokers", brokers).build();
        } catch (ExecutionException e) {
            return down(e.getCause().toString());
        } catch (TimeoutException e) {
            return down("no answer within " + settings.kafkaTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        }
    }

    private static HealthCheckResponse down(String error) {
        return HealthCheckResponse.named(NAME).down().withData("error", error).build();
    }
}
