package org.dynamocsms.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged standalone killed (SIGKILL, nothing stopped cleanly) and started again on its data: every site
 * acknowledged before the kill is there, and a write made as soon as the API answers is readable within seconds,
 * not once the dead process's consumers have timed out.
 */
class StandaloneCrashIT {

    private static final Duration FRESH_WITHIN = Duration.ofSeconds(5);

    @AutoClose
    private final PackagedStandalone standalone;

    StandaloneCrashIT(@TempDir Path dataDir) throws IOException {
        standalone = new PackagedStandalone(dataDir);
    }

    @Test
    void writesAreReadableSoonAfterARestartFromAKill() throws Exception {
        standalone.start();
        List<String> before = new ArrayList<>();
        String lastToken = null;
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> created = standalone.post("/api/v1/sites",
                    "{\"name\": \"Before the crash " + i + "\", \"max_power_kw\": 50}");
            assertThat(created.statusCode()).isEqualTo(201);
            before.add(PackagedStandalone.siteId(created));
            lastToken = created.headers().firstValue(Api.TOKEN).orElseThrow();
        }
        // the read side's consumers are members of their groups, with partitions, when the process dies
        assertThat(standalone.get("/api/v1/sites/" + before.get(4), lastToken).headers()
                .firstValue("Consistency-Token-Status")).contains("reached");
        standalone.kill();

        standalone.start();
        long restarted = System.nanoTime();
        HttpResponse<String> created = standalone.post("/api/v1/sites",
                "{\"name\": \"After the crash\", \"max_power_kw\": 75}");
        assertThat(created.statusCode()).isEqualTo(201);
        String siteId = PackagedStandalone.siteId(created);
        String token = created.headers().firstValue(Api.TOKEN).orElseThrow();
        HttpResponse<String> read;
        do {
            read = standalone.get("/api/v1/sites/" + siteId, token);
        } while (!"reached".equals(read.headers().firstValue("Consistency-Token-Status").orElse(null))
                && System.nanoTime() - restarted < FRESH_WITHIN.toNanos());
        Duration fresh = Duration.ofNanos(System.nanoTime() - restarted);
        assertThat(read.headers().firstValue("Consistency-Token-Status"))
                .as("the write made after the restart readable by its token (after %s)", fresh).contains("reached");
        assertThat(fresh).as("time from the API answering to the write readable").isLessThan(FRESH_WITHIN);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"After the crash\"");
        assertThat(standalone.get("/api/v1/sites/" + siteId).statusCode()).as("read without its token").isEqualTo(200);
        String list = standalone.get("/api/v1/sites").body();
        assertThat(list).contains("\"total\":6");
        before.forEach(id -> assertThat(list).contains(id));
    }
}
