package io.openluffy.api.errors;

/** The request is missing a field or has an invalid value (400). */
public class InvalidInputException extends ApiException {
    public InvalidInputException(String message) {
        super(message);
    }
}
