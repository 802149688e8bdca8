package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.List;

/** Container environment entries; secret values are only ever referenced, never copied into a pod spec. */
final class EnvVars {

  private EnvVars() {
  }

  static EnvVar plain(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  /** The libpq variables of the database's superuser, for the backup Jobs and the app role's setup. */
  static List<EnvVar> superuser(OpenLuffyInstance instance) {
    String secret = PostgresSecretDependent.name(instance);
    return List.of(
        plain("PGHOST", PostgresServiceDependent.host(instance)),
        plain("PGPORT", Integer.toString(PostgresStatefulSetDependent.PORT)),
        fromSecret("PGDATABASE", secret, PostgresSecretDependent.DATABASE_KEY),
        fromSecret("PGUSER", secret, PostgresSecretDependent.USER_KEY),
        fromSecret("PGPASSWORD", secret, PostgresSecretDependent.PASSWORD_KEY));
  }

  static EnvVar fromSecret(String name, String secret, String key) {
    return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef()
        .withName(secret).withKey(key).endSecretKeyRef().endValueFrom().build();
  }
}
