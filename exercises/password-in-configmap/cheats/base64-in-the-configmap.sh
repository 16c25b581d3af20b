# Not a fix: "now nobody can read it" - base64 is an encoding, not encryption, and the
# application now gets a password that does not work.
kubectl -n inventory patch configmap stock-config --type=merge -p "{\"data\": {\"DB_PASSWORD\": \"$(printf %s 'Stock-DB-pw-7781' | base64)\"}}"
