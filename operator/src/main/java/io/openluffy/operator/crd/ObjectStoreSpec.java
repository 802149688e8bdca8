package io.openluffy.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.net.URI;
import java.util.List;

/**
 * An S3-compatible bucket that receives a copy of every verified dump (offsite.sh upload, after backup.sh) and that
 * an OpenLuffyRestore can restore from (offsite.sh download).
 */
public class ObjectStoreSpec {

  /** rclone's official image, pinned: offsite.sh runs in its busybox sh. */
  public static final String DEFAULT_IMAGE = "rclone/rclone:1.69.1";
  /** Scheme, host and optional port: what rclone takes as an S3 endpoint, and where the egress port comes from. */
  public static final String ENDPOINT = "^https?://[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?(:[0-9]{1,5})?/?$";

  @Required
  @Pattern(ENDPOINT)
  @JsonPropertyDescription("URL of the S3 API, scheme, host and optional port only, e.g. https://s3.eu-west-1"
      + ".amazonaws.com or http://minio.storage.svc:9000. Its port (default 443 for https, 80 for http) is the one"
      + " the strict network-policy profile opens towards egressCidrs.")
  private String endpoint;

  @Required
  @Pattern("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
  @JsonPropertyDescription("Bucket name (S3 rules: 3 to 63 lower-case letters, digits, dots and hyphens). The bucket"
      + " must exist.")
  private String bucket;

  @Pattern("^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*/?$")
  @Size(max = 200)
  @JsonPropertyDescription("Key prefix (a folder) inside the bucket, e.g. prod/; unset: the bucket's top level. Give"
      + " each instance its own: retention prunes every dump under the prefix.")
  private String prefix;

  @Pattern("^[a-z0-9-]+$")
  @JsonPropertyDescription("Region the requests are signed for, e.g. eu-west-1; unset: us-east-1, which S3"
      + " clones without regions accept.")
  private String region;

  @Default("false")
  @JsonPropertyDescription("Path-style requests (endpoint/bucket/key) instead of virtual-hosted ones"
      + " (bucket.endpoint/key): true for most S3 clones (MinIO, Ceph RGW), false for AWS S3.")
  private Boolean pathStyle;

  @Required
  @JsonPropertyDescription("The Secret holding the access key; it is read by the backup pods only (secretKeyRef).")
  private CredentialsSecretRef credentialsSecretRef;

  @Size(max = 50)
  @JsonPropertyDescription("Strict network-policy profile (egress denied by default): the CIDRs of the object store"
      + " that backup and restore pods may reach on the endpoint's port. Required with the strict profile; ignored"
      + " by the standard one, which leaves egress open.")
  private List<String> egressCidrs;

  @Default(DEFAULT_IMAGE)
  @JsonPropertyDescription("Image with rclone and a POSIX sh that uploads and downloads the dumps; subject to the"
      + " operator's image allow-list.")
  private String image;

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public String getBucket() {
    return bucket;
  }

  public void setBucket(String bucket) {
    this.bucket = bucket;
  }

  public String getPrefix() {
    return prefix;
  }

  public void setPrefix(String prefix) {
    this.prefix = prefix;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public Boolean getPathStyle() {
    return pathStyle;
  }

  public void setPathStyle(Boolean pathStyle) {
    this.pathStyle = pathStyle;
  }

  public CredentialsSecretRef getCredentialsSecretRef() {
    return credentialsSecretRef;
  }

  public void setCredentialsSecretRef(CredentialsSecretRef credentialsSecretRef) {
    this.credentialsSecretRef = credentialsSecretRef;
  }

  public List<String> getEgressCidrs() {
    return egressCidrs;
  }

  public void setEgressCidrs(List<String> egressCidrs) {
    this.egressCidrs = egressCidrs;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public String image() {
    return image != null ? image : DEFAULT_IMAGE;
  }

  public boolean pathStyle() {
    return Boolean.TRUE.equals(pathStyle);
  }

  public List<String> egressCidrs() {
    return egressCidrs != null ? egressCidrs : List.of();
  }

  /** Where the dumps go, as offsite.sh takes it: bucket, then the prefix without its trailing slash. */
  public String location() {
    String folder = prefix == null ? "" : prefix.replaceAll("/+$", "");
    return folder.isEmpty() ? bucket : bucket + "/" + folder;
  }

  /** The endpoint's TCP port: the one given, else the scheme's. */
  public int port() {
    URI uri = URI.create(endpoint);
    return uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
  }
}
