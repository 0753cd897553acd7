package org.dynamocsms.command;

/** OpenAPI wording that every write resource shares. */
public final class ApiDocs {

    public static final String SITE_TOKEN = "`<site_id>@<version>`: send it back on a read to see this write.";
    public static final String INVALID_BODY = "Malformed JSON, an invalid field (named in `errors`) or a body over "
            + "64 KiB.";

    private ApiDocs() {
    }
}
