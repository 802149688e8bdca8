package io.openluffy.operator.testing;

import io.openluffy.operator.crd.BackupSpec;
import io.openluffy.operator.crd.CredentialsSecretRef;
import io.openluffy.operator.crd.ObjectStoreSpec;
import io.openluffy.operator.crd.OpenLuffyInstanceSpec;
import java.util.List;

/** An S3-compatible store for {@code spec.backup.objectStore} in tests: MinIO-like, in-cluster, path-style. */
public final class ObjectStores {

  public static final String ENDPOINT = "http://minio.storage.svc:9000";
  public static final String SECRET = "offsite-s3";
  public static final String CIDR = "10.96.0.0/12";

  private ObjectStores() {
  }

  public static ObjectStoreSpec minio() {
    var store = new ObjectStoreSpec();
    store.setEndpoint(ENDPOINT);
    store.setBucket("openluffy-backups");
    store.setPrefix("prod/");
    store.setPathStyle(true);
    store.setCredentialsSecretRef(new CredentialsSecretRef());
    store.getCredentialsSecretRef().setName(SECRET);
    store.setEgressCidrs(List.of(CIDR));
    return store;
  }

  /** Sets {@link #minio()} as the instance's off-site store. */
  public static void offsite(OpenLuffyInstanceSpec spec) {
    if (spec.getBackup() == null) {
      spec.setBackup(new BackupSpec());
    }
    spec.getBackup().setObjectStore(minio());
  }
}
