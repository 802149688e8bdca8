package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.Set;

/**
 * PostgreSQL credentials: the superuser ({@code user}, {@code password}, for maintenance and the backups), the
 * {@code database}, and the API server's role ({@code app-user}, {@code app-password}). The superuser's password
 * is data-bound: PostgreSQL reads it only when it initialises the data directory and keeps it from then on.
 */
@KubernetesDependent(informer = @Informer(labelSelector = InstanceLabels.POSTGRES_SELECTOR))
public class PostgresSecretDependent extends GeneratedSecretDependent {

  public static final String USER_KEY = "user";
  public static final String PASSWORD_KEY = "password";
  public static final String DATABASE_KEY = "database";
  public static final String DATABASE = "openluffy";
  public static final String USER = "openluffy";
  /** The API server's role: owns the schema, not a superuser (app-role.sh); generated for existing Secrets too. */
  public static final String APP_USER_KEY = "app-user";
  public static final String APP_PASSWORD_KEY = "app-password";
  public static final String APP_USER = "openluffy_app";

  public static String name(OpenLuffyInstance instance) {
    return InstanceLabels.prefix(instance) + "-postgres";
  }

  public PostgresSecretDependent() {
    super(PostgresSecretDependent::name);
  }

  @Override
  protected Set<String> dataBoundKeys() {
    return Set.of(PASSWORD_KEY);
  }

  @Override
  protected String dataBoundBecause() {
    return "PostgreSQL keeps the password it was initialised with, so a new one would lock the API server and the "
        + "backups out of the database";
  }

  @Override
  protected Secret desired(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    return new SecretBuilder()
        .withMetadata(InstanceLabels.metadata(instance, name(instance), Component.POSTGRES))
        .withType("Opaque")
        .addToData(USER_KEY, GeneratedSecrets.base64(USER))
        .addToData(DATABASE_KEY, GeneratedSecrets.base64(DATABASE))
        // 32 random bytes; Base64 keeps the password free of characters that need quoting in a connection string
        .addToData(PASSWORD_KEY, GeneratedSecrets.secretData(32))
        .addToData(APP_USER_KEY, GeneratedSecrets.base64(APP_USER))
        // not data-bound: app-role.sh sets the role's password from the Secret at every start of the API server
        .addToData(APP_PASSWORD_KEY, GeneratedSecrets.secretData(32))
        .build();
  }
}
