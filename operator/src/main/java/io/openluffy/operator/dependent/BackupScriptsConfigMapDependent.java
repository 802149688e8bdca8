package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * backup.sh, restore.sh and offsite.sh, shipped to the cluster as they are in the operator's resources
 * ({@code /scripts/}): the files the script tests run against a real PostgreSQL are byte for byte the ones the Jobs
 * run.
 */
@KubernetesDependent(informer = @Informer(labelSelector = InstanceLabels.BACKUP_SELECTOR))
public class BackupScriptsConfigMapDependent extends CrudNamedDependentResource<ConfigMap> {

  static final String BACKUP = "backup.sh";
  static final String RESTORE = "restore.sh";
  /** Off-site copies with rclone; run from a Job in the rclone image (README, "Off-site copies"). */
  static final String OFFSITE = "offsite.sh";
  /** Where the Jobs mount this ConfigMap. */
  static final String MOUNT_PATH = "/scripts";
  private static final String RESOURCES = "/scripts/";
  private static final Map<String, String> SCRIPTS = load(BACKUP, RESTORE, OFFSITE);

  public BackupScriptsConfigMapDependent() {
    super(ConfigMap.class, BackupScriptsConfigMapDependent::name);
  }

  public static String name(OpenLuffyInstance instance) {
    return InstanceLabels.prefix(instance) + "-backup-scripts";
  }

  @Override
  protected ConfigMap desired(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    return new ConfigMapBuilder()
        .withMetadata(InstanceLabels.metadata(instance, name(instance), Component.BACKUP))
        .withData(SCRIPTS)
        .build();
  }

  private static Map<String, String> load(String... names) {
    var scripts = new LinkedHashMap<String, String>();
    for (String name : names) {
      try (InputStream in = BackupScriptsConfigMapDependent.class.getResourceAsStream(RESOURCES + name)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + RESOURCES + name);
        }
        scripts.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Map.copyOf(scripts);
  }
}
