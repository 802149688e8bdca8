package io.openluffy.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;
import io.openluffy.api.errors.InvalidInputException;

import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Reads request bodies into records. Jackson's own messages are not passed on: they can quote the input,
 * which may be a password. The answer names the field instead.
 */
final class JsonBody {
    private final ObjectMapper mapper;

    JsonBody(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    <T> T read(Context ctx, Class<T> type) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            throw new InvalidInputException("Request body must be a JSON object.");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw new InvalidInputException("Request body must be a JSON object.");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidInputException("Unknown field '" + e.getPropertyName() + "'.");
        } catch (JsonMappingException e) {
            String field = fieldPath(e);
            throw new InvalidInputException(field.isEmpty()
                    ? "Request body must be a JSON object."
                    : "Invalid value for field '" + field + "'.");
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("Malformed JSON in request body.");
        } catch (IOException e) {
            throw new InvalidInputException("Could not read the request body.");
        }
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
                .collect(Collectors.joining("."));
    }
}
