package io.openluffy.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.openluffy.operator.crd.OpenLuffyInstance;
import java.util.Map;

/**
 * app-role.sh ({@link Scripts}), which the API Deployment's init container runs before every start. Its own
 * ConfigMap, not the backup scripts': the API server needs it whether backups are enabled or not.
 */
@KubernetesDependent(informer = @Informer(labelSelector = InstanceLabels.API_SELECTOR))
public class ApiScriptsConfigMapDependent extends CrudNamedDependentResource<ConfigMap> {

  static final String APP_ROLE = "app-role.sh";
  private static final Map<String, String> SCRIPTS = Scripts.load(APP_ROLE);

  public ApiScriptsConfigMapDependent() {
    super(ConfigMap.class, ApiScriptsConfigMapDependent::name);
  }

  public static String name(OpenLuffyInstance instance) {
    return InstanceLabels.prefix(instance) + "-api-scripts";
  }

  @Override
  protected ConfigMap desired(OpenLuffyInstance instance, Context<OpenLuffyInstance> context) {
    return new ConfigMapBuilder()
        .withMetadata(InstanceLabels.metadata(instance, name(instance), Component.API))
        .withData(SCRIPTS)
        .build();
  }
}
