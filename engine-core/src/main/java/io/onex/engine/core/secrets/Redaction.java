package io.onex.engine.core.secrets;

import java.util.regex.Pattern;

/**
 * Masks the credentials a URL may carry before it is shown: the password of its user info ({@code
 * //user:pass@host}) and the values of query or property parameters named like a credential ({@code
 * password}, {@code passwd}, {@code pwd}, {@code secret}, {@code token}, {@code key}, {@code
 * credentials}, in any case and with any prefix, such as {@code api_key} or {@code sslpassword}),
 * as JDBC and HTTP URLs write them ({@code ?a=b&c=d} or {@code ;a=b;c=d}).
 */
public final class Redaction {

  /** What a masked value reads as. */
  public static final String MASK = "****";

  private static final Pattern USER_INFO = Pattern.compile("(//[^/:@?;]*):[^@/]*@");
  private static final Pattern CREDENTIAL_PARAMETER =
      Pattern.compile(
          "(?i)([?&;][A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|key|credentials)=)[^&;]*");

  private Redaction() {}

  /** {@code url} with its credentials masked; {@code null} stays {@code null}. */
  public static String url(String url) {
    if (url == null) {
      return null;
    }
    String masked = USER_INFO.matcher(url).replaceAll("$1:" + MASK + "@");
    return CREDENTIAL_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
  }
}
