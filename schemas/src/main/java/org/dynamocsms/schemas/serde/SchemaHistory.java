package org.dynamocsms.schemas.serde;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;

/**
 * Released versions of each top-level schema, kept as {@code avro-history/<full name>/v<n>.avsc} on the classpath.
 * A schema that changes gets a new file (v2, v3, ...) when it is released; the files are never edited.
 */
public final class SchemaHistory {

    private SchemaHistory() {
    }

    /** Every released version of the named schema, oldest first; empty if it was never released. */
    public static List<Schema> versions(String fullName) {
        List<Schema> versions = new ArrayList<>();
        ClassLoader loader = SchemaHistory.class.getClassLoader();
        for (int v = 1; ; v++) {
            InputStream in = loader.getResourceAsStream(path(fullName, v));
            if (in == null) {
                return versions;
            }
            versions.add(AvroSerde.parse(in));
        }
    }

    public static String path(String fullName, int version) {
        return "avro-history/" + fullName + "/v" + version + ".avsc";
    }
}
