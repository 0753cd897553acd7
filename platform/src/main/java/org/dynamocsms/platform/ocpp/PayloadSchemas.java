package org.dynamocsms.platform.ocpp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.dynamocsms.schemas.values.Storable;

/**
 * The JSON schemas of one OCPP version. For OCPP 2.0.1 ({@code ocpp201/}, draft-07): the calls a charging station
 * makes that the gateway handles ({@link #CHARGING_STATION_ACTIONS_201}, {@code <Action>Request.json}) and
 * the gateway's answers to them ({@code <Action>Response.json}), and the calls the central system makes to a charging
 * station ({@link #CENTRAL_SYSTEM_ACTIONS_201}) and the station's answers to them, written from the specification's
 * messages (part 3, the OCA's JSON schemas' names, types, lengths, enumerations, list sizes and required fields), each
 * integer within 32 bits and an EVSE or connector id &ge; 0 (&gt; 0 in RequestStartTransaction, as the
 * specification says). A charging profile or schedule has 1.6's ranges: stackLevel, durations and startPeriod &ge; 0,
 * numberPhases and phaseToUse 1 to 3, a charging rate (limit, minChargingRate) from 0 to 1,000,000 W or A. The rest
 * of this description is OCPP 1.6's, and holds for 2.0.1 with its spelling of the codes ({@link ErrorCode#in}).
 * <p>
 * The OCPP 1.6 JSON schemas (draft-04, in {@code ocpp16/}) of the calls a charge point makes ({@code <Action>.json})
 * and of the calls the central system makes and the charge point's answers to them ({@code <Action>.json},
 * {@code <Action>Response.json}), and the CALLERROR code of a payload that breaks one. The schemas are written from
 * the specification's message definitions: field names, types, CiStringN as {@code maxLength}, enumerations,
 * required fields, {@code additionalProperties: false}, and the ranges it gives in words (connectorId &ge; 0, &gt; 0
 * in StartTransaction, RemoteStartTransaction, UnlockConnector and TriggerMessage; stackLevel, durations and
 * startPeriod &ge; 0; at least one chargingSchedulePeriod), every integer within 32 bits, a charging rate (limit,
 * minChargingRate) from 0 to 1,000,000 W or A and numberPhases 1 to 3. The specification's "at most one digit
 * fraction" of a rate is not a schema rule: {@code multipleOf: 0.1} fails 7.3 in binary floating point.
 * <p>
 * A violated keyword maps to the code OCPP-J 1.6 (section 4.2.3) names for it:
 * <ul>
 *   <li>{@code required}, {@code additionalProperties}, any keyword not listed here: FormationViolation (the
 *       payload does not have the structure of the action's PDU);</li>
 *   <li>{@code type}: TypeConstraintViolation;</li>
 *   <li>{@code minItems}, {@code maxItems}: OccurenceConstraintViolation (a list with fewer or more elements than
 *       the PDU allows);</li>
 *   <li>{@code maxLength}, {@code enum}, {@code minimum}, {@code maximum}, {@code format} (date-time): PropertyConstraintViolation.</li>
 * </ul>
 * The description names the field, e.g. {@code $.type: does not have a value in the enumeration [Hard, Soft]}.
 * A payload that passes its schema must also hold only {@link Storable} strings (no U+0000, no unpaired
 * surrogate), else it is a PropertyConstraintViolation naming the first such property, e.g.
 * {@code meterValue[0].sampledValue[1].value}: what the gateway accepts, every reader can hold.
 * A missing required field could be read as an occurrence constraint too; it is a FormationViolation here because
 * a PDU without a mandatory field does not have the PDU's structure (and it is what most CSMSs answer). When a
 * payload breaks several rules, the most structural code wins, in the order of the list above.
 */
public final class PayloadSchemas {

    /** The calls a charge point makes to the central system that the gateway handles. */
    public static final Set<String> CHARGE_POINT_ACTIONS = Set.of("BootNotification", "Heartbeat",
            "StatusNotification", "MeterValues", "StartTransaction", "StopTransaction", "Authorize", "DataTransfer",
            "FirmwareStatusNotification", "DiagnosticsStatusNotification");
    /** The calls an OCPP 2.0.1 charging station makes that the gateway handles. */
    public static final Set<String> CHARGING_STATION_ACTIONS_201 = Set.of("BootNotification", "Heartbeat",
            "StatusNotification", "Authorize", "FirmwareStatusNotification", "LogStatusNotification",
            "TransactionEvent", "MeterValues", "NotifyEvent", "SecurityEventNotification", "NotifyReport");
    /** The calls the central system makes to a charge point. */
    public static final Set<String> CENTRAL_SYSTEM_ACTIONS = Set.of("SetChargingProfile", "ClearChargingProfile",
            "GetCompositeSchedule", "RemoteStartTransaction", "RemoteStopTransaction", "ChangeAvailability", "Reset",
            "UnlockConnector", "TriggerMessage", "GetConfiguration", "ChangeConfiguration");
    /** The calls the central system makes to an OCPP 2.0.1 charging station. */
    public static final Set<String> CENTRAL_SYSTEM_ACTIONS_201 = Set.of("SetChargingProfile", "ClearChargingProfile",
            "GetCompositeSchedule", "RequestStartTransaction", "RequestStopTransaction", "ChangeAvailability", "Reset",
            "UnlockConnector", "TriggerMessage", "GetVariables", "SetVariables");

    private static final Map<String, ErrorCode> CODES = Map.of(
            "type", ErrorCode.TypeConstraintViolation,
            "minItems", ErrorCode.OccurenceConstraintViolation,
            "maxItems", ErrorCode.OccurenceConstraintViolation,
            "maxLength", ErrorCode.PropertyConstraintViolation,
            "enum", ErrorCode.PropertyConstraintViolation,
            "minimum", ErrorCode.PropertyConstraintViolation,
            "maximum", ErrorCode.PropertyConstraintViolation,
            "format", ErrorCode.PropertyConstraintViolation);
    /** Most structural first: the code reported when a payload breaks several rules. */
    private static final Comparator<ErrorCode> PRECEDENCE = Comparator.comparingInt(code -> switch (code) {
        case FormationViolation -> 0;
        case TypeConstraintViolation -> 1;
        case OccurenceConstraintViolation -> 2;
        default -> 3;
    });

    private final OcppVersion version;
    private final Map<String, JsonSchema> requests;
    private final Map<String, JsonSchema> confirmations;

    /** OCPP 1.6's schemas. */
    public PayloadSchemas() {
        this(OcppVersion.OCPP16);
    }

    /** Loads every schema of {@code version}: a missing one fails here, not at the first call. */
    public PayloadSchemas(OcppVersion version) {
        this.version = version;
        if (version == OcppVersion.OCPP16) {
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
            requests = load(factory, Stream.concat(CHARGE_POINT_ACTIONS.stream(), CENTRAL_SYSTEM_ACTIONS.stream()),
                    "/ocpp16/%s.json");
            confirmations = load(factory, CENTRAL_SYSTEM_ACTIONS.stream(), "/ocpp16/%sResponse.json");
        } else {
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
            // both sides' calls, and both sides' answers: the gateway's to the station's calls, the station's to the
            // central system's
            requests = load(factory, Stream.concat(CHARGING_STATION_ACTIONS_201.stream(),
                    CENTRAL_SYSTEM_ACTIONS_201.stream()), "/ocpp201/%sRequest.json");
            confirmations = load(factory, Stream.concat(CHARGING_STATION_ACTIONS_201.stream(),
                    CENTRAL_SYSTEM_ACTIONS_201.stream()), "/ocpp201/%sResponse.json");
        }
    }

    public OcppVersion version() {
        return version;
    }

    /** The calls a charger of this version may make that the gateway handles. */
    public Set<String> chargerActions() {
        return version == OcppVersion.OCPP16 ? CHARGE_POINT_ACTIONS : CHARGING_STATION_ACTIONS_201;
    }

    /**
     * Why {@code payload} is not a valid request of {@code action}, if it is not: one of {@link #chargerActions()} or
     * of the central system's calls ({@link #CHARGE_POINT_ACTIONS} or {@link #CENTRAL_SYSTEM_ACTIONS} in OCPP 1.6,
     * {@link #CHARGING_STATION_ACTIONS_201} or {@link #CENTRAL_SYSTEM_ACTIONS_201} in 2.0.1).
     */
    public Optional<Violation> check(String action, ObjectNode payload) {
        return violation(schema(requests, action), payload);
    }

    /**
     * Why {@code payload} is not a valid CALLRESULT of {@code action}, if it is not: in OCPP 1.6 a charge point's
     * confirmation of one of {@link #CENTRAL_SYSTEM_ACTIONS}; in 2.0.1 a charging station's answer to one of
     * {@link #CENTRAL_SYSTEM_ACTIONS_201} or the gateway's answer to one of {@link #CHARGING_STATION_ACTIONS_201}.
     */
    public Optional<Violation> checkConfirmation(String action, JsonNode payload) {
        JsonSchema schema = schema(confirmations, action);
        if (!payload.isObject()) {
            // as for a CALL whose payload is not an object (Frames): not the structure of a PDU at all
            return Optional.of(new Violation(ErrorCode.FormationViolation, "$: the payload is not a JSON object"));
        }
        return violation(schema, payload);
    }

    private static Optional<Violation> violation(JsonSchema schema, JsonNode payload) {
        // JSON has no NaN or infinity, but a payload built in Java can hold one, and a number beyond a double reads
        // as infinity: the validator cannot compare those with a bound
        Optional<Violation> notFinite = firstFault("", payload, PayloadSchemas::notFinite);
        if (notFinite.isPresent()) {
            return notFinite;
        }
        Set<ValidationMessage> messages = schema.validate(payload);
        if (messages.isEmpty()) {
            return firstFault("", payload, PayloadSchemas::unstorable);
        }
        return messages.stream()
                .map(message -> new Violation(CODES.getOrDefault(message.getType(), ErrorCode.FormationViolation),
                        message.getMessage()))
                .min(Comparator.comparing(Violation::code, PRECEDENCE));
    }

    private JsonSchema schema(Map<String, JsonSchema> schemas, String action) {
        JsonSchema schema = schemas.get(action);
        if (schema == null) {
            throw new IllegalArgumentException("No OCPP " + version.label() + " schema for " + action);
        }
        return schema;
    }

    private static Optional<String> notFinite(JsonNode value) {
        return (value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue())
                ? Optional.of("must be a finite number") : Optional.empty();
    }

    /** Why a reader could not hold {@code value}, if it is a string it could not hold. */
    private static Optional<String> unstorable(JsonNode value) {
        return value.isTextual() ? Storable.text(value.textValue()) : Optional.empty();
    }

    /**
     * The first value in {@code node} (found at {@code path}) with a {@code fault}, as a PropertyConstraintViolation
     * naming it.
     */
    private static Optional<Violation> firstFault(String path, JsonNode node,
                                                  Function<JsonNode, Optional<String>> fault) {
        if (node.isArray()) {
            return IntStream.range(0, node.size())
                    .mapToObj(i -> firstFault(path + "[" + i + "]", node.get(i), fault))
                    .flatMap(Optional::stream).findFirst();
        }
        // the schema allows no property names but its own, so only the values need a look
        if (node.isObject()) {
            return node.properties().stream()
                    .map(property -> firstFault(path.isEmpty() ? property.getKey() : path + "." + property.getKey(),
                            property.getValue(), fault))
                    .flatMap(Optional::stream).findFirst();
        }
        return fault.apply(node)
                .map(reason -> new Violation(ErrorCode.PropertyConstraintViolation, path + ": " + reason));
    }

    /** The schema of each action, from the resource {@code path} formats with its name. */
    private static Map<String, JsonSchema> load(JsonSchemaFactory factory, Stream<String> actions, String path) {
        return actions.collect(Collectors.toUnmodifiableMap(Function.identity(),
                action -> load(factory, path.formatted(action))));
    }

    private static JsonSchema load(JsonSchemaFactory factory, String resource) {
        try (InputStream in = PayloadSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing schema " + resource);
            }
            return factory.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
