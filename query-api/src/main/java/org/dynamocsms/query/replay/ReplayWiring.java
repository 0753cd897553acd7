package org.dynamocsms.query.replay;

import java.util.Properties;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.platform.kafka.KafkaSettings;
import org.dynamocsms.schemas.topics.Topics;

/** Starts this instance's {@link ReplayCoordinator}, ticking every second, with the service's Kafka settings. */
@ApplicationScoped
public class ReplayWiring {

    static final long TICK_MILLIS = 1_000;

    @Produces
    @Singleton
    @Startup
    ReplayCoordinator coordinator(DataSource dataSource, KafkaClients kafka, KafkaSettings settings) {
        ReplayKafka replayKafka = new ReplayKafka(Admin.create(kafka.adminProperties()),
                kafka.producer(Topics.PROJECTION_GENERATIONS), kafka::createTopics);
        ReplayCoordinator coordinator = new ReplayCoordinator(dataSource, replayKafka, () -> {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        });
        coordinator.start(TICK_MILLIS);
        return coordinator;
    }

    void close(@Disposes ReplayCoordinator coordinator) {
        coordinator.close();
    }
}
