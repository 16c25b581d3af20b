# Not a fix: "now nobody can read it" - base64 is an encoding, not encryption, and the
# application now gets a password that does not work.
kubectl -n "$ns" patch configmap "$app-config" --type=merge -p "{\"data\": {\"DB_PASSWORD\": \"$(printf %s "$password" | base64)\"}}"
