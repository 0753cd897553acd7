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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.dynamocsms.schemas.values.Storable;

/**
 * The OCPP 1.6 JSON request schemas (draft-04, {@code ocpp16/<Action>.json}) of the CALLs a charger may send, and
 * the CALLERROR code of a payload that breaks one. The schemas are written from the specification's message
 * definitions: field names, types, CiStringN as {@code maxLength}, enumerations, required fields,
 * {@code additionalProperties: false}, and the ranges it gives in words (connectorId &ge; 0, &gt; 0 in
 * StartTransaction), and every integer within 32 bits.
 * <p>
 * A violated keyword maps to the code OCPP-J 1.6 (section 4.2.3) names for it:
 * <ul>
 *   <li>{@code required}, {@code additionalProperties}, any keyword not listed here: FormationViolation (the
 *       payload does not have the structure of the action's PDU);</li>
 *   <li>{@code type}: TypeConstraintViolation;</li>
 *   <li>{@code minItems}: OccurenceConstraintViolation (a list with fewer elements than the PDU allows);</li>
 *   <li>{@code maxLength}, {@code enum}, {@code minimum}, {@code maximum}, {@code format} (date-time): PropertyConstraintViolation.</li>
 * </ul>
 * A payload that passes its schema must also hold only {@link Storable} strings (no U+0000, no unpaired
 * surrogate), else it is a PropertyConstraintViolation naming the first such property, e.g.
 * {@code meterValue[0].sampledValue[1].value}: what the gateway accepts, every reader can hold.
 * A missing required field could be read as an occurrence constraint too; it is a FormationViolation here because
 * a PDU without a mandatory field does not have the PDU's structure (and it is what most CSMSs answer). When a
 * payload breaks several rules, the most structural code wins, in the order of the list above.
 */
public final class PayloadSchemas {

    /** The actions a charge point may send to a central system that this gateway handles. */
    public static final Set<String> ACTIONS = Set.of("BootNotification", "Heartbeat", "StatusNotification",
            "MeterValues", "StartTransaction", "StopTransaction", "Authorize", "DataTransfer",
            "FirmwareStatusNotification", "DiagnosticsStatusNotification");

    private static final Map<String, ErrorCode> CODES = Map.of(
            "type", ErrorCode.TypeConstraintViolation,
            "minItems", ErrorCode.OccurenceConstraintViolation,
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

    private final Map<String, JsonSchema> schemas;

    public PayloadSchemas() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        schemas = ACTIONS.stream().collect(Collectors.toUnmodifiableMap(Function.identity(), action -> load(factory, action)));
    }

    /** Why {@code payload} is not a valid request of {@code action} (one of {@link #ACTIONS}), if it is not. */
    public Optional<Violation> check(String action, ObjectNode payload) {
        Set<ValidationMessage> messages = schemas.get(action).validate(payload);
        if (messages.isEmpty()) {
            return unstorableText("", payload);
        }
        return messages.stream()
                .map(message -> new Violation(CODES.getOrDefault(message.getType(), ErrorCode.FormationViolation),
                        message.getMessage()))
                .min(Comparator.comparing(Violation::code, PRECEDENCE));
    }

    /** The first string in {@code node} (found at {@code path}) that a reader could not hold, if there is one. */
    private static Optional<Violation> unstorableText(String path, JsonNode node) {
        if (node.isTextual()) {
            return Storable.text(node.textValue())
                    .map(reason -> new Violation(ErrorCode.PropertyConstraintViolation, path + ": " + reason));
        }
        if (node.isArray()) {
            return IntStream.range(0, node.size())
                    .mapToObj(i -> unstorableText(path + "[" + i + "]", node.get(i)))
                    .flatMap(Optional::stream).findFirst();
        }
        // the schema allows no property names but its own, so only the values need a look
        if (node.isObject()) {
            return node.properties().stream()
                    .map(property -> unstorableText(path.isEmpty() ? property.getKey() : path + "." + property.getKey(),
                            property.getValue()))
                    .flatMap(Optional::stream).findFirst();
        }
        return Optional.empty();
    }

    private static JsonSchema load(JsonSchemaFactory factory, String action) {
        String resource = "/ocpp16/" + action + ".json";
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
