package org.dynamocsms.platform.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;

/** Writes a whole-number double as an integer ({@code 150}, not {@code 150.0}), as the API contract shows. */
public class PlainNumberSerializer extends JsonSerializer<Double> {

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            gen.writeNumber(value.longValue());
        } else {
            gen.writeNumber(value);
        }
    }
}
