package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.Map;

/** backup.sh, restore.sh, verify.sh and offsite.sh, shipped to the cluster as they are ({@link Scripts}). */
@KubernetesDependent(informer = @Informer(labelSelector = InstanceLabels.BACKUP_SELECTOR))
public class BackupScriptsConfigMapDependent extends CrudNamedDependentResource<ConfigMap> {

  static final String BACKUP = "backup.sh";
  static final String RESTORE = "restore.sh";
  /** The restore test of spec.backup.verify; it runs restore.sh from the same directory. */
  static final String VERIFY = "verify.sh";
  /** Off-site copies with rclone; run from a Job in the rclone image (README, "Off-site copies"). */
  static final String OFFSITE = "offsite.sh";
  private static final Map<String, String> SCRIPTS = Scripts.load(BACKUP, RESTORE, VERIFY, OFFSITE);

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
}
