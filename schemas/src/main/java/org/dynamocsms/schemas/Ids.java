package org.dynamocsms.schemas;

import com.github.f4b6a3.ulid.UlidCreator;

/** Identifiers are a type prefix and a ULID, e.g. {@code site_01HZ4K8XVPQR3TY5N6M...}. */
public enum Ids {
    SITE("site_"), EVENT("evt_"), COMMAND("cmd_"), ORGANISATION("org_"), ASSET("asset_"), MAINTENANCE("mnt_"),
    CONNECTION("con_"), CALL("call_"), REQUEST("req_"), API_KEY("key_");

    private final String prefix;

    Ids(String prefix) {
        this.prefix = prefix;
    }

    public String next() {
        return prefix + UlidCreator.getMonotonicUlid();
    }

    public String prefix() {
        return prefix;
    }

    /** True if {@code id} has this prefix followed by a well-formed ULID. */
    public boolean matches(String id) {
        return id != null && id.startsWith(prefix) && com.github.f4b6a3.ulid.Ulid.isValid(id.substring(prefix.length()));
    }
}
