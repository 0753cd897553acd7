package org.dynamocsms.ocpp.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

import org.dynamocsms.schemas.charger.ChargePointIds;
import org.dynamocsms.schemas.charger.ChargerPasswords;
import org.dynamocsms.schemas.charger.ChargerView;

/**
 * OCPP 1.6 security profile 1 at the WebSocket upgrade: HTTP Basic with the charge point id as user name and the
 * password set at the charger's registration.
 * <ul>
 *   <li>an identity that breaks {@link ChargePointIds}, is not registered, or is decommissioned: 404 (OCPP-J 1.6
 *       section 3.1.2: an unknown charge point is answered 404);</li>
 *   <li>no or malformed Basic credentials, a user name other than the identity, a wrong password: 401;</li>
 *   <li>a charger registered without a password: refused (401) unless {@code allowWithoutPassword}; then it is
 *       accepted whatever credentials it sends, since there is nothing to check them against.</li>
 *   <li>with auto-registration on (an organisation to register unknown chargers to), an identity the registry has
 *       never seen is accepted as {@link Authentication.Unregistered} if its Basic password follows the registry's
 *       rule ({@link ChargerPasswords#isValid}), else refused (401).</li>
 * </ul>
 * A password that matched is remembered, keyed by identity, stored hash and a SHA-256 of the password salted with
 * the stored hash, so a reconnect storm costs one PBKDF2 per charger, not one per attempt. A new password (a new
 * hash) misses the cache; wrong passwords are never cached, so guessing stays as slow as PBKDF2.
 */
public final class ChargerAuthenticator {

    /** Bounds memory; cleared whole when full, since verified entries are cheap to earn back. */
    static final int MAX_VERIFIED = 100_000;
    private static final String BASIC = "Basic ";

    private final ChargerDirectory directory;
    private final boolean allowWithoutPassword;
    private final Optional<String> autoRegistrationOrganisation;
    private final BiPredicate<String, String> passwordMatches;
    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    /** {@code autoRegistrationOrganisation}: where unknown chargers are registered; empty: they are refused. */
    public ChargerAuthenticator(ChargerDirectory directory, boolean allowWithoutPassword,
                                Optional<String> autoRegistrationOrganisation) {
        this(directory, allowWithoutPassword, autoRegistrationOrganisation, ChargerPasswords::matches);
    }

    /** {@code passwordMatches(password, storedHash)}: the PBKDF2 check, counted by tests of the cache. */
    ChargerAuthenticator(ChargerDirectory directory, boolean allowWithoutPassword,
                         Optional<String> autoRegistrationOrganisation, BiPredicate<String, String> passwordMatches) {
        this.directory = directory;
        this.allowWithoutPassword = allowWithoutPassword;
        this.autoRegistrationOrganisation = autoRegistrationOrganisation;
        this.passwordMatches = passwordMatches;
    }

    /** Decides the upgrade of {@code chargePointId} (from the URL) with its {@code Authorization} header, if any. */
    public Authentication authenticate(String chargePointId, String authorization) {
        if (!ChargePointIds.isValid(chargePointId)) {
            return new Authentication.Refused(404, "invalid charge point id");
        }
        Optional<ChargerView> known = directory.find(chargePointId);
        if (known.isEmpty() && autoRegistrationOrganisation.isPresent()) {
            String password = password(chargePointId, authorization);
            return password != null && ChargerPasswords.isValid(password)
                    ? new Authentication.Unregistered(new Charger(chargePointId, autoRegistrationOrganisation.get()),
                            ChargerPasswords.hash(password))
                    : new Authentication.Refused(401, "auto-registration needs a password: " + ChargerPasswords.RULE);
        }
        Optional<ChargerView> registered = known.filter(charger -> charger.getDecommissionedAt() == null);
        if (registered.isEmpty()) {
            return new Authentication.Refused(404, "unknown charge point");
        }
        ChargerView view = registered.get();
        Charger charger = new Charger(view.getChargePointId(), view.getOrganisationId());
        if (view.getPasswordHash() == null) {
            return allowWithoutPassword ? new Authentication.Accepted(charger)
                    : new Authentication.Refused(401, "no password registered", charger);
        }
        String password = password(chargePointId, authorization);
        return password != null && matches(chargePointId, view.getPasswordHash(), password)
                ? new Authentication.Accepted(charger) : new Authentication.Refused(401, "wrong credentials", charger);
    }

    /** The password of Basic credentials whose user is {@code chargePointId}; null otherwise. */
    private static String password(String chargePointId, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return null;
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String user = chargePointId + ":";
        return credentials.startsWith(user) ? credentials.substring(user.length()) : null;
    }

    private boolean matches(String chargePointId, String storedHash, String password) {
        String key = chargePointId + "\n" + storedHash + "\n" + sha256(storedHash + "\n" + password);
        if (verified.contains(key)) {
            return true;
        }
        if (!passwordMatches.test(password, storedHash)) {
            return false;
        }
        if (verified.size() >= MAX_VERIFIED) {
            verified.clear();
        }
        verified.add(key);
        return true;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
