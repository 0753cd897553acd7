package org.dynamocsms.command;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;

import jakarta.ws.rs.core.Response;

import com.github.f4b6a3.ulid.Ulid;

import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.schemas.Ids;

/**
 * The {@value #HEADER} header of creating requests. A create with a key gets an aggregate id derived from the
 * organisation and the key, so a repeated request reaches the same aggregate, whose processor then answers the
 * first result instead of creating a second resource.
 */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    /** Set on a create answered from an earlier request with the same key. */
    public static final String REPLAYED = "Idempotent-Replayed";
    public static final String DOC = "Optional, 1 to 255 printable ASCII characters. A repeated request with the "
            + "same key returns the first result and creates nothing.";
    public static final int MAX_LENGTH = 255;

    private IdempotencyKeys() {
    }

    /** {@code key} itself if it is 1 to 255 printable ASCII characters; null if no key was sent; else a 400. */
    public static String validate(String key) {
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > MAX_LENGTH || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw ProblemException.invalid(HEADER, "must be 1 to " + MAX_LENGTH + " printable ASCII characters");
        }
        return key;
    }

    /** The id of type {@code ids} for {@code key}: prefix + a ULID of the first 16 bytes of SHA-256(org \n key). */
    public static String aggregateId(Ids ids, String organisationId, String key) {
        byte[] hash = sha256(organisationId + "\n" + key);
        return ids.prefix() + Ulid.from(Arrays.copyOf(hash, Ulid.ULID_BYTES));
    }

    /**
     * Marks {@code response} to a create as replayed unless the resource was created at {@code issuedAt}: a
     * command creates a resource at its own issue time, so another creation time means an earlier request did.
     */
    public static void markReplayed(Response.ResponseBuilder response, Instant createdAt, Instant issuedAt) {
        if (!createdAt.equals(issuedAt)) {
            response.header(REPLAYED, "true");
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
