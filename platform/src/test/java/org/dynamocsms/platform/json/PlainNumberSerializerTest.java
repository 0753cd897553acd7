package org.dynamocsms.platform.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.dynamocsms.platform.site.SiteJson;
import org.junit.jupiter.api.Test;

class PlainNumberSerializerTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void writesSitesAsTheContractShowsThem() throws Exception {
        SiteJson site = new SiteJson("site_01HZ4K8XVPQR3TY5N6M", "King Street Depot",
                "14 King Street, Manchester, M2 6AQ", 150.0, 53.4808, -2.2426,
                Instant.parse("2024-06-01T09:00:00Z"), 0);
        assertThat(mapper.writeValueAsString(site)).isEqualTo("{\"site_id\":\"site_01HZ4K8XVPQR3TY5N6M\","
                + "\"name\":\"King Street Depot\",\"address\":\"14 King Street, Manchester, M2 6AQ\","
                + "\"max_power_kw\":150,\"lat\":53.4808,\"lng\":-2.2426,"
                + "\"created_at\":\"2024-06-01T09:00:00Z\",\"charger_count\":0}");
    }

    @Test
    void keepsFractionsAndAbsentValues() throws Exception {
        SiteJson site = new SiteJson("site_1", "n", null, 22.5, null, null, Instant.parse("2024-06-01T09:00:00Z"), 2);
        String json = mapper.writeValueAsString(site);
        assertThat(json).contains("\"max_power_kw\":22.5", "\"address\":null", "\"lat\":null", "\"charger_count\":2");
    }
}
