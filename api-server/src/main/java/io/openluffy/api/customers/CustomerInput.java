package io.openluffy.api.customers;

/** Fields of a customer to create or change; null means "not given" (on a change: keep). */
public record CustomerInput(String name, String description, String githubOrg) {
}
