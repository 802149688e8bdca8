package io.openluffy.api.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;

/**
 * Refuses JSON strings PostgreSQL cannot store faithfully: a NUL is rejected by the database (which looked like an
 * outage), and a lone surrogate is silently stored as {@code ?}. Both are refused as invalid field values instead.
 */
final class StrictStrings extends StringDeserializer {
    static SimpleModule module() {
        return new SimpleModule("strict-strings").addDeserializer(String.class, new StrictStrings());
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String value = super.deserialize(p, ctxt);
        if (value != null && !storable(value)) {
            return (String) ctxt.handleWeirdStringValue(String.class, value, "NUL or unpaired surrogate");
        }
        return value;
    }

    /** No NUL, and every surrogate in a pair (i.e. the string is well-formed UTF-16). */
    static boolean storable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\0' || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }
}
