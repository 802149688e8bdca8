package io.openluffy.api.errors;

/** The addressed resource does not exist (404). */
public class NotFoundException extends ApiException {
    public NotFoundException(String message) {
        super(message);
    }
}
