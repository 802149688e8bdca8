package io.openluffy.api.errors;

/** The caller is authenticated but not allowed to do this (403). */
public class ForbiddenException extends ApiException {
    public ForbiddenException(String message) {
        super(message);
    }
}
