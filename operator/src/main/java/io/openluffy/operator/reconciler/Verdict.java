package io.openluffy.operator.reconciler;

/** What an informational condition is to say: True or False, with its reason and message. */
record Verdict(boolean ok, String reason, String message) {
}
