package org.dynamocsms.standalone.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.standalone.Api.as;
import static org.dynamocsms.standalone.Api.eventually;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.query.Jdbc;
import org.dynamocsms.query.ReadStoreIngestion;
import org.dynamocsms.query.generation.ReadTables;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;
import org.dynamocsms.schemas.site.SiteCreated;
import org.dynamocsms.schemas.site.SiteDetails;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.site.SiteViews;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;
import org.dynamocsms.standalone.Api;
import org.dynamocsms.standalone.CsmsTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The read store ingests a generation recorded as building beside the live one, from its own topic into its own
 * tables, and readers (the sites API, through Hibernate) follow the switch of the views; against a real Kafka broker
 * and PostgreSQL. The replay that builds a generation is not part of this test: it plays the replay's part by hand.
 */
@QuarkusTest
@QuarkusTestResource(CsmsTestResource.class)
class ReadStoreGenerationsEndToEndTest {

    private static final Generation SITES_1 = Generation.first(Projection.SITES);
    private static final Generation SITES_2 = SITES_1.next();
    private static final Topic<String, SiteView> SITES_2_TOPIC = SITES_2.topic(Topics.SITE_PROJECTION);
    private static final Duration WITHIN = Duration.ofSeconds(20);

    @Inject
    ApiKeyDirectory keys;

    @Inject
    KafkaClients kafka;

    @Inject
    DataSource dataSource;

    @Inject
    ReadStoreIngestion ingestion;

    @Test
    void ingestsABuildingGenerationBesideTheLiveOneAndReadersFollowTheSwitch() throws Exception {
        String organisationId = Ids.ORGANISATION.next();
        String key = Api.newKey(keys, organisationId, List.of());
        String siteId = Api.site(key, "Live");
        eventually(WITHIN, () -> as(key).get("/api/v1/sites/" + siteId).then().statusCode(200)
                .body("name", equalTo("Live")));

        // what a replay does before its Streams application publishes: generation 2's topic and tables, recorded
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            admin.createTopics(List.of(SITES_2_TOPIC.newTopic(1, (short) 1, Map.of()))).all().get();
        }
        Jdbc.inTransaction(dataSource, connection -> {
            ReadTables.create(connection, SITES_2);
            execute(connection, "UPDATE projection_generation SET building = 2, next_generation = 3 "
                    + "WHERE projection = 'sites'");
            return null;
        });
        eventually(WITHIN, () -> assertThat(ingestion.ingesting()).contains(SITES_1, SITES_2));

        try (KafkaProducer<String, SiteView> producer = kafka.producer(SITES_2_TOPIC)) {
            producer.send(new ProducerRecord<>(SITES_2_TOPIC.name(), siteId, rebuilt(organisationId, siteId)))
                    .get();
        }
        eventually(WITHIN, () -> assertThat(query("SELECT name FROM site_g2 WHERE site_id = '" + siteId + "'"))
                .containsExactly("Rebuilt"));
        as(key).get("/api/v1/sites/" + siteId).then().statusCode(200).body("name", equalTo("Live"));

        Jdbc.inTransaction(dataSource, connection -> {
            ReadTables.switchReaders(connection, SITES_2);
            execute(connection, "UPDATE projection_generation SET live = 2, building = NULL, retiring = 1 "
                    + "WHERE projection = 'sites'");
            return null;
        });

        as(key).get("/api/v1/sites/" + siteId).then().statusCode(200).body("name", equalTo("Rebuilt"));
        as(key).get("/api/v1/sites").then().statusCode(200).body("sites[0].name", equalTo("Rebuilt"));
        eventually(WITHIN, () -> assertThat(ingestion.ingesting()).contains(SITES_2).doesNotContain(SITES_1));
    }

    /** Generation 1 live again, as the other tests of this application expect, and generation 2 gone. */
    @AfterEach
    void generationOneAgain() throws Exception {
        Jdbc.inTransaction(dataSource, connection -> {
            ReadTables.switchReaders(connection, SITES_1);
            execute(connection, "UPDATE projection_generation SET live = 1, building = NULL, retiring = NULL, "
                    + "next_generation = 2 WHERE projection = 'sites'");
            return null;
        });
        eventually(WITHIN, () -> assertThat(ingestion.ingesting()).contains(SITES_1).doesNotContain(SITES_2));
        Jdbc.inTransaction(dataSource, connection -> {
            ReadTables.drop(connection, SITES_2);
            return null;
        });
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            admin.deleteTopics(List.of(SITES_2_TOPIC.name())).all().get();
        }
    }

    /** The site as a changed fold might see it: another name. */
    private static SiteView rebuilt(String organisationId, String siteId) {
        Instant now = Instant.now();
        return SiteViews.apply(null, SiteEvent.newBuilder().setEventId(Ids.EVENT.next())
                .setOrganisationId(organisationId).setSiteId(siteId).setVersion(1).setOccurredAt(now)
                .setRecordedAt(now).setPayload(SiteCreated.newBuilder().setDetails(SiteDetails.newBuilder()
                        .setName("Rebuilt").setMaxPowerKw(150).build()).build()).build());
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private List<String> query(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
