// webapp is the small application Batten's kind exercises run: a web server on :8080
// that needs a database password (from the file DB_PASSWORD_FILE names, or from the
// DB_PASSWORD environment variable) and says whether it has one. Standard library only,
// built statically by sandbox/kind/build.sh into localhost/batten/webapp.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"strings"
)

// password reads the database password the way the application was configured.
func password() (string, string) {
	if f := os.Getenv("DB_PASSWORD_FILE"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", "cannot read " + f
		}
		return strings.TrimSpace(string(b)), "file " + f
	}
	if p := os.Getenv("DB_PASSWORD"); p != "" {
		return p, "environment variable DB_PASSWORD"
	}
	return "", "no DB_PASSWORD_FILE or DB_PASSWORD"
}

func main() {
	name := os.Getenv("APP_NAME")
	if name == "" {
		name = "webapp"
	}
	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		p, from := password()
		if p == "" {
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintf(w, "%s: no database password (%s)\n", name, from)
			return
		}
		fmt.Fprintf(w, "%s: ok (database password from %s)\n", name, from)
	})
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "%s\n", name)
	})
	log.Printf("%s listening on :8080", name)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
