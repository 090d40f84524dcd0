"""The messages ``jwtlint why`` knows: what libraries and platforms say, and what it usually means.

Each entry is a message as its source prints it, with ``{}`` where the source
fills in a value (a number, a URL, a claim name, an algorithm), the source
named and cited (the file that raises it, or the platform page that shows
it), and the likely causes in order, each with the rules whose findings
confirm it and the command to run. Commands say ``TOKEN`` and ``KEYFILE``
for the user's own token and key.
"""

from __future__ import annotations

from typing import NamedTuple


class Cause(NamedTuple):
    text: str
    rules: tuple[str, ...]  # rules whose findings confirm this cause
    command: str
    facts: tuple[str, ...] = ()  # facts about the key or token text that confirm it (jwtlint.why.match.FACTS)


class Entry(NamedTuple):
    source: str
    message: str  # '{}' marks a part the source fills in
    cite: str
    causes: tuple[Cause, ...]


CHECK = "jwtlint check TOKEN"
CHECK_KEY = "jwtlint check TOKEN --key KEYFILE"
CHECK_SECRET = "jwtlint check TOKEN --secret-file SECRETFILE"
CHECK_KEYFILE = "jwtlint check KEYFILE"

# Causes shared by many messages.
WRONG_KEY = Cause(
    "the token was signed with another key than the one verifying it (rotated key, wrong environment, kid mismatch)",
    ("signature-invalid", "kid-not-found", "key-pair-mismatch"), CHECK_KEY,
)  # fmt: skip
ENCODING = Cause(
    "the token was built by hand with standard base64 ('+', '/', '=') instead of base64url, so the verifier "
    "reads other bytes than were signed",
    ("std-base64-alphabet", "base64-padding", "signed-over-wrong-input", "salesforce-hand-encoded"), CHECK,
)  # fmt: skip
TRANSPORT = Cause(
    "the token was damaged on the way: a form decoder turned '+' into a space, it was percent-encoded, "
    "wrapped over lines, or quoted",
    ("form-assertion-not-urlencoded", "percent-encoded-token", "whitespace-in-token", "surrounding-quotes"), CHECK,
)  # fmt: skip
SIG_FORMAT = Cause(
    "the signature bytes are in the wrong form: ECDSA as DER instead of R||S, hex or double base64, RSA-PSS vs PKCS#1",
    ("ecdsa-der-signature", "signature-length", "pss-pkcs1-confusion"), CHECK_KEY,
)  # fmt: skip
ALG_KEY = Cause(
    "alg and key do not go together (an RS256 token checked with an EC key, a curve that is not alg's)",
    ("alg-key-mismatch", "ec-curve-alg-mismatch", "alg-confusion"), CHECK_KEY,
)  # fmt: skip
EXPIRED = Cause("exp is in the past for the verifier's clock", ("expired",), CHECK)
EXP_MS = Cause(
    "exp (or iat, nbf) is in milliseconds or another unit, not seconds",
    ("time-in-milliseconds", "time-not-numeric", "salesforce-exp"), CHECK,
)  # fmt: skip
CLOCK = Cause(
    "the clocks differ: the issuer's clock is ahead of the verifier's (no leeway)",
    ("iat-in-future", "not-yet-valid", "github-app-iat"), CHECK + " --now EPOCH_SECONDS --leeway 60",
)  # fmt: skip
AUD = Cause(
    "aud is not what the verifier expects: trailing slash, http vs https, a string vs an array, another API",
    ("aud-mismatch",), CHECK + " --aud EXPECTED_AUDIENCE",
)  # fmt: skip
ISS = Cause(
    "iss is not what the verifier expects (a trailing slash, another tenant or realm, http vs https)",
    ("iss-mismatch",), CHECK + " --iss EXPECTED_ISSUER",
)  # fmt: skip
SEGMENTS = Cause(
    "what reached the verifier is not a whole compact JWS: the signature and its dot were dropped, the "
    "'Bearer ' prefix or quotes were kept, it is a JWE, or it is not a JWT at all",
    ("segment-count", "empty-segment", "bearer-prefix", "surrounding-quotes", "jwe-token"), CHECK,
)  # fmt: skip
BAD_B64 = Cause(
    "a segment is not base64url: standard base64 characters, '=' padding, whitespace or stray characters",
    ("std-base64-alphabet", "base64-padding", "invalid-base64-char", "whitespace-in-token", "non-canonical-base64"), CHECK,
)  # fmt: skip
NOT_JSON = Cause(
    "a segment decodes to something that is not a JSON object (double-encoded JSON, a BOM, not UTF-8)",
    ("segment-not-json", "duplicate-json-member"), CHECK,
)  # fmt: skip
ALG_NOT_ALLOWED = Cause(
    "the token's alg is not the one the verifier allows (HS256 token, RS256 verifier; 'none'; a misspelt alg)",
    ("alg-none", "alg-unknown", "alg-missing", "alg-key-mismatch"), CHECK_KEY,
)  # fmt: skip
PEM_KEY = Cause(
    "the key is not in the form the library reads: PEM armor or newlines lost, '\\n' escaped, PKCS#1 where "
    "PKCS#8 is wanted, an encrypted key, a certificate or a public key",
    ("pem-malformed", "pem-single-line", "escaped-newlines", "pkcs1-private-key", "encrypted-private-key",
     "certificate-not-key", "public-key-not-private", "pem-label-mismatch"), CHECK_KEYFILE,
)  # fmt: skip
WEAK_SECRET = Cause(
    "the HMAC secret is shorter than the hash (HS256 wants 32 bytes) or a known sample",
    ("weak-hmac-secret", "known-sample-key"), CHECK_SECRET,
)  # fmt: skip
EXP_MISSING = Cause("the token has no exp (or the claim is misspelt or a string)", ("exp-missing", "time-not-numeric"), CHECK)

PYJWT = "https://github.com/jpadilla/pyjwt/blob/master/jwt/"
JSONWEBTOKEN = "https://github.com/auth0/node-jsonwebtoken/blob/master/verify.js"
PANVA = "https://github.com/panva/jose/blob/main/src/"
JWCRYPTO = "https://github.com/latchset/jwcrypto/blob/main/jwcrypto/"
PYJOSE = "https://github.com/mpdavis/python-jose/blob/master/jose/"
JAVAJWT = "https://github.com/auth0/java-jwt/blob/master/lib/src/main/java/com/auth0/jwt/"
JJWT = "https://github.com/jwtk/jjwt/blob/master/"
NIMBUS = "https://bitbucket.org/connect2id/nimbus-jose-jwt/src/master/src/main/java/com/nimbusds/"
IDMODEL = "https://github.com/AzureAD/azure-activedirectory-identitymodel-extensions-for-dotnet/blob/dev/src/"
SF_JWT = "https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm&type=5"
GITHUB = (
    "https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/"
    "generating-a-json-web-token-jwt-for-a-github-app"
)
GOOGLE = "https://developers.google.com/identity/protocols/oauth2/service-account#error-codes"
ENTRA = "https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes"

ENTRIES: tuple[Entry, ...] = (
    # --- PyJWT
    Entry("PyJWT (InvalidSignatureError)", "Signature verification failed", PYJWT + "api_jws.py",
          (WRONG_KEY, ENCODING, TRANSPORT, SIG_FORMAT, ALG_KEY)),
    Entry("PyJWT (ExpiredSignatureError)", "Signature has expired", PYJWT + "api_jwt.py", (EXPIRED, CLOCK)),
    Entry("PyJWT (InvalidAudienceError)", "Audience doesn't match", PYJWT + "api_jwt.py", (AUD,)),
    Entry("PyJWT (InvalidAudienceError)", "Invalid audience", PYJWT + "api_jwt.py", (AUD,)),
    Entry("PyJWT (InvalidIssuerError)", "Invalid issuer", PYJWT + "api_jwt.py", (ISS,)),
    Entry("PyJWT (ImmatureSignatureError)", "The token is not yet valid (iat)", PYJWT + "api_jwt.py", (CLOCK, EXP_MS)),
    Entry("PyJWT (ImmatureSignatureError)", "The token is not yet valid (nbf)", PYJWT + "api_jwt.py", (CLOCK, EXP_MS)),
    Entry("PyJWT (DecodeError)", "Not enough segments", PYJWT + "api_jws.py", (SEGMENTS, TRANSPORT)),
    Entry("PyJWT (DecodeError)", "Invalid crypto padding", PYJWT + "api_jws.py", (BAD_B64, TRANSPORT, SEGMENTS)),
    Entry("PyJWT (DecodeError)", "Invalid header padding", PYJWT + "api_jws.py", (BAD_B64, TRANSPORT)),
    Entry("PyJWT (DecodeError)", "Invalid payload padding", PYJWT + "api_jws.py", (BAD_B64, TRANSPORT)),
    Entry("PyJWT (DecodeError)", "Invalid header string: {}", PYJWT + "api_jws.py", (NOT_JSON, BAD_B64)),
    Entry("PyJWT (InvalidAlgorithmError)", "The specified alg value is not allowed", PYJWT + "api_jws.py",
          (ALG_NOT_ALLOWED,)),
    Entry("PyJWT (MissingRequiredClaimError)", 'Token is missing the "{}" claim', PYJWT + "exceptions.py",
          (EXP_MISSING, Cause("a required claim (aud, iss, iat, sub...) is absent",
                              ("id-token-claims", "client-assertion-claims", "at-jwt-claims"), CHECK + " --profile auto"))),
    Entry("PyJWT (DecodeError)", "Expiration Time claim (exp) must be an integer.", PYJWT + "api_jwt.py", (EXP_MS,)),
    Entry("PyJWT (InvalidKeyError)",
          "The specified key is an asymmetric key or x509 certificate and should not be used as an HMAC secret.",
          PYJWT + "algorithms.py",
          (Cause("the token says HS256 but the verifier holds an RSA or EC public key: an algorithm-confusion attempt, "
                 "or the issuer signs with a MAC", ("alg-confusion", "alg-key-mismatch"), CHECK_KEY),)),
    # --- node jsonwebtoken
    Entry("jsonwebtoken (JsonWebTokenError)", "invalid signature", JSONWEBTOKEN,
          (WRONG_KEY, ENCODING, TRANSPORT, SIG_FORMAT)),
    Entry("jsonwebtoken (JsonWebTokenError)", "jwt malformed", JSONWEBTOKEN, (SEGMENTS, TRANSPORT, BAD_B64)),
    Entry("jsonwebtoken (TokenExpiredError)", "jwt expired", JSONWEBTOKEN, (EXPIRED, CLOCK)),
    Entry("jsonwebtoken (JsonWebTokenError)", "jwt audience invalid. expected: {}", JSONWEBTOKEN, (AUD,)),
    Entry("jsonwebtoken (JsonWebTokenError)", "jwt issuer invalid. expected: {}", JSONWEBTOKEN, (ISS,)),
    Entry("jsonwebtoken (JsonWebTokenError)", "invalid algorithm", JSONWEBTOKEN, (ALG_NOT_ALLOWED, ALG_KEY)),
    Entry("jsonwebtoken (NotBeforeError)", "jwt not active", JSONWEBTOKEN, (CLOCK, EXP_MS)),
    Entry("jsonwebtoken (JsonWebTokenError)", "jwt signature is required", JSONWEBTOKEN,
          (Cause("the signature segment is empty (dropped, or the token is unsigned)",
                 ("signature-missing", "alg-none", "segment-count"), CHECK),)),
    Entry("jsonwebtoken", "secretOrPublicKey must be an asymmetric key when using {}", JSONWEBTOKEN,
          (Cause("an RS/ES/PS token was given a string secret, or the PEM lost its armor", ("alg-key-mismatch",), CHECK_KEY),
           PEM_KEY)),
    # --- jose (panva)
    Entry("jose (JWSSignatureVerificationFailed)", "signature verification failed", PANVA + "util/errors.ts",
          (WRONG_KEY, ENCODING, TRANSPORT, SIG_FORMAT)),
    Entry("jose (JWTExpired)", '"exp" claim timestamp check failed', PANVA + "lib/jwt_claims_set.ts", (EXPIRED, CLOCK)),
    Entry("jose (JWTClaimValidationFailed)", 'unexpected "aud" claim value', PANVA + "lib/jwt_claims_set.ts", (AUD,)),
    Entry("jose (JWTClaimValidationFailed)", 'unexpected "iss" claim value', PANVA + "lib/jwt_claims_set.ts", (ISS,)),
    Entry("jose (JWSInvalid)", "Invalid Compact JWS", PANVA + "jws/compact/verify.ts", (SEGMENTS, TRANSPORT)),
    Entry("jose (JOSEAlgNotAllowed)", '"alg" (Algorithm) Header Parameter value not allowed',
          PANVA + "lib/validate_algorithms.ts", (ALG_NOT_ALLOWED,)),
    # --- jwcrypto
    Entry("jwcrypto (InvalidJWSSignature)", "Verification failed for all signatures", JWCRYPTO + "jws.py",
          (WRONG_KEY, ENCODING, SIG_FORMAT, ALG_KEY)),
    Entry("jwcrypto (JWTExpired)", "Expired at {}, time: {}", JWCRYPTO + "jwt.py", (EXPIRED, EXP_MS, CLOCK)),
    # --- python-jose
    Entry("python-jose (JWSSignatureError)", "Signature verification failed.", PYJOSE + "jws.py",
          (WRONG_KEY, ENCODING, SIG_FORMAT)),
    Entry("python-jose (ExpiredSignatureError)", "Signature has expired.", PYJOSE + "jwt.py", (EXPIRED, CLOCK)),
    # --- java-jwt (Auth0)
    Entry("java-jwt (SignatureVerificationException)",
          "The Token's Signature resulted invalid when verified using the Algorithm: {}",
          JAVAJWT + "exceptions/SignatureVerificationException.java", (WRONG_KEY, ENCODING, SIG_FORMAT)),
    Entry("java-jwt (TokenExpiredException)", "The Token has expired on {}", JAVAJWT + "JWTVerifier.java",
          (EXPIRED, CLOCK)),
    Entry("java-jwt (JWTDecodeException)", "The token was expected to have 3 parts, but got {}.",
          JAVAJWT + "TokenUtils.java", (SEGMENTS, TRANSPORT)),
    Entry("java-jwt (IncorrectClaimException)", "The Claim 'aud' value doesn't contain the required audience.",
          JAVAJWT + "JWTVerifier.java", (AUD,)),
    # --- jjwt
    Entry("jjwt (SignatureException)", "JWT signature does not match locally computed signature.",
          JJWT + "impl/src/main/java/io/jsonwebtoken/impl/DefaultJwtParser.java", (WRONG_KEY, ENCODING, SIG_FORMAT)),
    Entry("jjwt (ExpiredJwtException)", "JWT expired at {}. Current time: {}",
          JJWT + "impl/src/main/java/io/jsonwebtoken/impl/DefaultJwtParser.java", (EXPIRED, EXP_MS, CLOCK)),
    Entry("jjwt (MalformedJwtException)", "JWT strings must contain exactly 2 period characters. Found: {}",
          JJWT + "impl/src/main/java/io/jsonwebtoken/impl/DefaultJwtParser.java", (SEGMENTS, TRANSPORT)),
    Entry("jjwt (DecodingException)", "Illegal base64url character: {}",
          JJWT + "api/src/main/java/io/jsonwebtoken/io/Base64.java", (TRANSPORT, BAD_B64, SEGMENTS)),
    Entry("jjwt (WeakKeyException)", "The signing key's size is {} bits which is not secure enough for the {} algorithm.",
          JJWT + "api/src/main/java/io/jsonwebtoken/security/Keys.java", (WEAK_SECRET,)),
    # --- Nimbus JOSE+JWT
    Entry("Nimbus (BadJOSEException)", "Signed JWT rejected: Invalid signature",
          NIMBUS + "jose/proc/DefaultJOSEProcessor.java", (WRONG_KEY, ENCODING, SIG_FORMAT)),
    Entry("Nimbus (BadJWTException)", "Expired JWT", NIMBUS + "jwt/proc/DefaultJWTClaimsVerifier.java", (EXPIRED, CLOCK)),
    Entry("Nimbus (BadJWTException)", "JWT audience rejected: {}", NIMBUS + "jwt/proc/DefaultJWTClaimsVerifier.java", (AUD,)),
    Entry("Nimbus (ParseException)", "Invalid serialized unsecured/JWS/JWE object: Missing part delimiters",
          NIMBUS + "jose/JOSEObject.java", (SEGMENTS, TRANSPORT)),
    # --- .NET Microsoft.IdentityModel
    Entry(".NET IdentityModel", "IDX10503: Signature validation failed.{}", IDMODEL + "Microsoft.IdentityModel.Tokens/LogMessages.cs",
          (WRONG_KEY, ENCODING, SIG_FORMAT)),
    Entry(".NET IdentityModel", "IDX10501: Signature validation failed. Unable to match key: {}",
          IDMODEL + "Microsoft.IdentityModel.Tokens/LogMessages.cs",
          (Cause("the token's kid is not among the verifier's keys (rotated keys, wrong tenant or metadata)",
                 ("kid-not-found",), "jwtlint check TOKEN --jwks JWKSFILE"), WRONG_KEY)),
    Entry(".NET IdentityModel", "IDX10223: Lifetime validation failed. The token is expired.{}",
          IDMODEL + "Microsoft.IdentityModel.Tokens/LogMessages.cs", (EXPIRED, EXP_MS, CLOCK)),
    Entry(".NET IdentityModel", "IDX10214: Audience validation failed.{}",
          IDMODEL + "Microsoft.IdentityModel.Tokens/LogMessages.cs", (AUD,)),
    Entry(".NET IdentityModel", "IDX10205: Issuer validation failed.{}",
          IDMODEL + "Microsoft.IdentityModel.Tokens/LogMessages.cs", (ISS,)),
    Entry(".NET IdentityModel", "IDX12741: JWT: {} must have three segments (JWS) or five segments (JWE).",
          IDMODEL + "System.IdentityModel.Tokens.Jwt/LogMessages.cs", (SEGMENTS, TRANSPORT)),
    # --- Salesforce
    Entry("Salesforce token endpoint", "invalid_grant: audience is invalid", SF_JWT,
          (Cause("aud is not https://login.salesforce.com / https://test.salesforce.com / the Experience Cloud site URL "
                 "(My Domain URL, trailing slash, http)", ("salesforce-aud",), CHECK + " --profile salesforce-jwt-bearer"),)),
    Entry("Salesforce token endpoint", "invalid_grant: user hasn't approved this consumer", SF_JWT,
          (Cause("the user in sub is not pre-authorized for the connected app (Admin approved users + profile or "
                 "permission set), or sub and iss are swapped", ("salesforce-claims",),
                 CHECK + " --profile salesforce-jwt-bearer"),)),
    Entry("Salesforce token endpoint", "invalid_client_id: client identifier invalid", SF_JWT,
          (Cause("iss is not the connected app's consumer key (the username put in iss, a key from another org)",
                 ("salesforce-claims",), CHECK + " --profile salesforce-jwt-bearer"),)),
    Entry("Salesforce token endpoint", "invalid_grant: invalid assertion", SF_JWT,
          (ENCODING, EXP_MS, WRONG_KEY,
           Cause("alg is not RS256", ("salesforce-alg",), CHECK + " --profile salesforce-jwt-bearer"))),
    Entry("Salesforce Apex (EncodingUtil.base64Decode)", "Unrecognized base64 character: {}",
          "https://dfc-org-production.force.com/forums/ForumsMain?id=906F0000000kH5tIAE",
          (Cause("PEM armor: the key string still has its '-----BEGIN PRIVATE KEY-----' / '-----END ...-----' lines "
                 "(the '-' of the armor); EncodingUtil.base64Decode takes only the base64 between them",
                 ("pem-armor-in-base64",), CHECK_KEYFILE, ("key-has-pem-armor",)),
           Cause("base64 alphabet: the text is base64url ('-' and '_', e.g. a JWT segment or a JWK member), "
                 "and EncodingUtil.base64Decode reads only standard base64 ('+' and '/'): replace '-' with '+' and "
                 "'_' with '/', and pad with '=' to a multiple of 4 first", (), CHECK_KEYFILE,
                 ("text-has-base64url",)))),
    Entry("Salesforce Apex (Crypto.sign)", "System.SecurityException: Invalid Crypto Key",
          "https://salesforce.stackexchange.com/questions/392291/crypto-sign-securityexception-invalid-crypto-key",
          (Cause("Crypto.sign wants an unencrypted PKCS#8 RSA key (BEGIN PRIVATE KEY), base64-decoded: this one is "
                 "PKCS#1 (BEGIN RSA PRIVATE KEY), encrypted, a certificate or a public key; convert with "
                 "openssl pkcs8 -topk8 -nocrypt -in key.pem",
                 ("pkcs1-private-key", "encrypted-private-key", "certificate-not-key", "public-key-not-private"),
                 CHECK_KEYFILE),
           Cause("an HMAC secret was passed to Crypto.sign('RSA-SHA256'): use Crypto.generateMac('HmacSHA256', ...) "
                 "for HS256", (), CHECK_KEYFILE, ("key-looks-like-a-secret",)))),
    # --- Google
    Entry("Google OAuth 2.0 token endpoint",
          "invalid_grant: Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.{}",
          GOOGLE, (Cause("exp is more than an hour after iat", ("google-sa-lifetime",),
                         CHECK + " --profile google-service-account"), EXP_MS, CLOCK)),
    Entry("Google OAuth 2.0 token endpoint", "invalid_grant: Invalid JWT Signature.", GOOGLE,
          (Cause("the key is not the service account's current key (deleted or rotated), or kid is not its "
                 "private_key_id", ("google-sa-alg", "signature-invalid", "kid-not-found"),
                 "jwtlint check TOKEN --key KEYFILE --profile google-service-account"), ENCODING)),
    # --- GitHub
    Entry("GitHub REST API", "'Expiration time' claim ('exp') is too far in the future", GITHUB,
          (Cause("exp is more than 10 minutes ahead of GitHub's clock: a long lifetime, or a clock running fast",
                 ("github-app-lifetime",), CHECK + " --profile github-app"), EXP_MS)),
    Entry("GitHub REST API", "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
          GITHUB, (Cause("iat is in GitHub's future (clock ahead; not backdated 60 s) or not an integer",
                         ("github-app-iat", "iat-in-future", "time-not-numeric"), CHECK + " --profile github-app"),)),
    Entry("GitHub REST API", "A JSON web token could not be decoded", GITHUB,
          (Cause("not an RS256 JWT signed with the app's private key, or iss is not the App ID / client ID",
                 ("github-app-alg", "github-app-claims"), CHECK + " --profile github-app"), SEGMENTS, ENCODING)),
    # --- Apple
    Entry("Sign in with Apple token endpoint", '"error": "invalid_client"',
          "https://developer.apple.com/documentation/sign_in_with_apple/errorresponse",
          (Cause("the client_secret JWT is not what Apple accepts: not ES256 with the Key ID as kid, iss not the Team "
                 "ID, sub not the Services ID, aud not https://appleid.apple.com, or valid for more than six months",
                 ("apple-alg-kid", "apple-claims", "apple-lifetime"), CHECK + " --profile apple-client-secret"),
           EXPIRED)),
    # --- Microsoft Entra ID
    Entry("Microsoft Entra ID token endpoint", "AADSTS700024: Client assertion is not within its valid time range.{}",
          ENTRA, (EXPIRED, CLOCK, Cause("the client assertion lives too long or its exp is in another unit",
                                        ("client-assertion-lifetime", "time-in-milliseconds"),
                                        CHECK + " --profile rfc7523-client-assertion"))),
    Entry("Microsoft Entra ID token endpoint", "AADSTS700027: Client assertion contains an invalid signature.{}",
          ENTRA, (WRONG_KEY, Cause("the header lacks the certificate's x5t/kid, or alg is not the registered key's",
                                   ("client-assertion-alg", "kid-not-found", "alg-key-mismatch"),
                                   CHECK_KEY + " --profile rfc7523-client-assertion"), ENCODING)),
    Entry("Microsoft Entra ID", "AADSTS50027: JWT token is invalid or malformed.{}", ENTRA, (SEGMENTS, BAD_B64, NOT_JSON)),
    # --- Okta / Auth0
    Entry("Okta token endpoint", "The client_assertion signature is invalid.",
          "https://support.okta.com/help/s/article/error-occurs-during-authentication-due-to-invalid-client-assertion-signature",
          (WRONG_KEY, Cause("alg or kid differ from the registered key", ("client-assertion-alg", "alg-key-mismatch"),
                            CHECK_KEY + " --profile rfc7523-client-assertion"), ENCODING)),
    Entry("Okta token endpoint", "The client_assertion JWT kid is invalid.",
          "https://support.okta.com/help/s/article/okta-client-assertion-error-invalid-key-id",
          (Cause("the header's kid is missing or is not the kid of a public key registered for the client",
                 ("kid-not-found",), "jwtlint check TOKEN --jwks JWKSFILE --profile rfc7523-client-assertion"),)),
    Entry("Auth0 token endpoint", "'exp' claim must specify a time that is no more than 5 minutes after 'iat'{}",
          "https://community.auth0.com/t/invalid-client-error-with-private-key-jwt-authentication-when-requesting-an-access-token/191217",
          (Cause("the client assertion lives longer than Auth0's 5 minutes", ("client-assertion-lifetime",),
                 CHECK + " --profile rfc7523-client-assertion"), EXP_MS)),
)
