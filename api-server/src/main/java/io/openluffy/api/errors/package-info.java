/** Failures services report to clients, independent of HTTP; the {@code http} layer maps them to status codes. */
package io.openluffy.api.errors;
