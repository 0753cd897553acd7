package org.dynamocsms.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class CsmsTestResourceTest {

    @Test
    void providesAKafkaThatTakesTransactionsAndAPostgresThatTakesConnections() throws Exception {
        CsmsTestResource resource = new CsmsTestResource();
        Map<String, String> config = resource.start();
        try {
            assertThat(config).containsKeys("csms.kafka.bootstrap-servers", "csms.kafka.state-dir",
                    "quarkus.datasource.jdbc.url", "quarkus.datasource.username", "quarkus.datasource.password");
            String bootstrapServers = config.get("csms.kafka.bootstrap-servers");
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
                admin.createTopics(List.of(new NewTopic("resource-test", 1, (short) 1))).all().get();
            }
            // exactly_once_v2 needs transactions, which need the transaction log on this single broker
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, "resource-test"),
                    new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("resource-test", "k", "v")).get();
                producer.commitTransaction();
            }
            try (Connection connection = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                    config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
                 Statement sql = connection.createStatement();
                 ResultSet rows = sql.executeQuery("SELECT 1")) {
                assertThat(rows.next()).isTrue();
            }
        } finally {
            resource.stop();
        }
    }
}
