package org.dynamocsms.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged standalone, run as the README runs it: a site created before a stop is there after a restart, at
 * the same version, and the restart neither repeats nor loses a write.
 */
class StandaloneRestartIT {

    @AutoClose
    private final PackagedStandalone standalone;

    StandaloneRestartIT(@TempDir Path dataDir) throws IOException {
        standalone = new PackagedStandalone(dataDir);
    }

    @Test
    void sitesSurviveARestartUnchanged() throws Exception {
        standalone.start();
        HttpResponse<String> created = standalone.post("/api/v1/sites",
                "{\"name\": \"King Street Depot\", \"max_power_kw\": 150}");
        assertThat(created.statusCode()).isEqualTo(201);
        String siteId = PackagedStandalone.siteId(created);
        HttpResponse<String> patched = standalone.patch("/api/v1/sites/" + siteId, "{\"max_power_kw\": 200}");
        assertThat(patched.headers().firstValue("Consistency-Token")).contains(siteId + "@2");
        String before = standalone.get("/api/v1/sites/" + siteId, siteId + "@2").body();
        standalone.stopGracefully();

        standalone.start();
        HttpResponse<String> after = standalone.get("/api/v1/sites/" + siteId, siteId + "@2");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).isEqualTo(before).contains("\"max_power_kw\":200");
        assertThat(standalone.get("/api/v1/sites").body()).contains("\"total\":1");
        // the next write continues the site's history: version 3, not a repeat of version 2
        HttpResponse<String> again = standalone.patch("/api/v1/sites/" + siteId, "{\"name\": \"Renamed\"}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Consistency-Token")).contains(siteId + "@3");
        standalone.stopGracefully();
    }
}
