package io.openluffy.api.customers;

import io.openluffy.api.audit.Actor;
import io.openluffy.api.audit.AuditAction;
import io.openluffy.api.audit.AuditLog;
import io.openluffy.api.crypto.DecryptionException;
import io.openluffy.api.crypto.SecretVault;
import io.openluffy.api.db.CustomerRecord;
import io.openluffy.api.db.CustomerRepository;
import io.openluffy.api.errors.ConflictException;
import io.openluffy.api.errors.InvalidInputException;
import io.openluffy.api.errors.NotFoundException;
import io.openluffy.api.errors.SecretUnreadableException;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Customers and their GitHub tokens, which are stored encrypted and bound to the customer's id. */
public final class CustomerService {
    private static final int MAX_NAME = 100;
    private static final int MAX_DESCRIPTION = 1000;
    /** GitHub's rule for organization logins. */
    private static final Pattern GITHUB_ORG = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
    private static final Pattern TOKEN = Pattern.compile("\\S{8,1000}");
    private static final String NAME_TAKEN = "A customer with this name already exists.";

    private final CustomerRepository customers;
    private final SecretVault vault;
    public CustomerService(CustomerRepository customers, SecretVault vault) {
        this.customers = customers;
        this.vault = vault;
    }

    public Customer create(Actor actor, CustomerInput input) {
        UUID id = UUID.randomUUID();
        String name = name(input.name());
        if (!customers.insert(id, name, description(input.description()), githubOrg(input.githubOrg()),
                AuditLog.entry(actor, AuditAction.CUSTOMER_CREATED, target(id, name)))) {
            throw new ConflictException(NAME_TAKEN);
        }
        return get(id, true);
    }

    /** All customers, with whether and when their token was set (not its last characters: nothing is decrypted). */
    public List<Customer> list() {
        return customers.findAll().stream()
                .map(r -> view(r, tokenStatus(r, false)))
                .toList();
    }

    /** {@code withLast4}: only admins see the token's last characters; others see whether and since when. */
    public Customer get(UUID id, boolean withLast4) {
        CustomerRecord r = record(id);
        return view(r, tokenStatus(r, withLast4));
    }

    public Customer update(Actor actor, UUID id, CustomerInput changes) {
        CustomerRecord current = record(id);
        String name = changes.name() == null ? current.name() : name(changes.name());
        switch (customers.update(id, name,
                changes.description() == null ? current.description() : description(changes.description()),
                changes.githubOrg() == null ? current.githubOrg() : githubOrg(changes.githubOrg()),
                AuditLog.entry(actor, AuditAction.CUSTOMER_UPDATED, target(id, name)))) {
            case NOT_FOUND -> throw notFound();
            case NAME_TAKEN -> throw new ConflictException(NAME_TAKEN);
            default -> {
            }
        }
        return get(id, true);
    }

    /** Deletes the customer and its token. */
    public void delete(Actor actor, UUID id) {
        CustomerRecord current = record(id);
        if (!customers.delete(id, AuditLog.entry(actor, AuditAction.CUSTOMER_DELETED, target(id, current.name())))) {
            throw notFound();
        }
    }

    public GithubTokenStatus setGithubToken(Actor actor, UUID id, String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new InvalidInputException("token is required: 8 to 1000 characters without spaces");
        }
        CustomerRecord customer = record(id);
        Instant setAt = vault.put(CustomerRepository.githubTokenBinding(id), token,
                AuditLog.entry(actor, AuditAction.CUSTOMER_GITHUB_TOKEN_SET, target(id, customer.name())));
        return new GithubTokenStatus(true, setAt, last4(token));
    }

    public void deleteGithubToken(Actor actor, UUID id) {
        CustomerRecord customer = record(id);
        if (!vault.delete(CustomerRepository.githubTokenBinding(id),
                AuditLog.entry(actor, AuditAction.CUSTOMER_GITHUB_TOKEN_DELETED, target(id, customer.name())))) {
            throw new NotFoundException("Customer '" + customer.name() + "' has no GitHub token.");
        }
    }

    public GithubTokenStatus githubTokenStatus(UUID id, boolean withLast4) {
        return tokenStatus(record(id), withLast4);
    }

    /** Decrypts the token to show its last characters, so a token that no longer decrypts is noticed here. */
    private GithubTokenStatus tokenStatus(CustomerRecord r, boolean withLast4) {
        if (r.githubTokenSetAt() == null) {
            return GithubTokenStatus.NONE;
        }
        if (!withLast4) {
            return new GithubTokenStatus(true, r.githubTokenSetAt(), null);
        }
        try {
            return vault.reveal(CustomerRepository.githubTokenBinding(r.id()))
                    .map(token -> new GithubTokenStatus(true, r.githubTokenSetAt(), last4(token)))
                    .orElse(GithubTokenStatus.NONE);
        } catch (DecryptionException e) {
            throw new SecretUnreadableException("The GitHub token of customer '" + r.name() + "' (" + r.id()
                    + ") cannot be decrypted: it was altered or encrypted under a key this server does not have. "
                    + "Set the token again, or configure the key it was encrypted with.");
        }
    }

    private CustomerRecord record(UUID id) {
        return customers.findById(id).orElseThrow(CustomerService::notFound);
    }

    private static Customer view(CustomerRecord r, GithubTokenStatus token) {
        return new Customer(r.id(), r.name(), r.description(), r.githubOrg(), r.createdAt(), r.updatedAt(), token);
    }

    private static String last4(String token) {
        return token.substring(token.length() - 4);
    }

    private static String target(UUID id, String name) {
        return "customer " + id + " (" + name + ")";
    }

    private static String name(String raw) {
        String name = raw == null ? "" : raw.trim();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new InvalidInputException("name is required (1 to " + MAX_NAME + " characters)");
        }
        return name;
    }

    private static String description(String raw) {
        String description = raw == null ? "" : raw.trim();
        if (description.length() > MAX_DESCRIPTION) {
            throw new InvalidInputException("description must be at most " + MAX_DESCRIPTION + " characters long");
        }
        return description;
    }

    /** An empty value clears the organization. */
    private static String githubOrg(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String org = raw.trim();
        if (!GITHUB_ORG.matcher(org).matches()) {
            throw new InvalidInputException("github_org must be a GitHub organization name "
                    + "(letters, digits and hyphens, at most 39 characters)");
        }
        return org;
    }

    private static NotFoundException notFound() {
        return new NotFoundException("Customer not found.");
    }
}
