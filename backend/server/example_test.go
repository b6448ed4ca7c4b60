package server

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// exampleConfig is the commented config the .deb installs as
// /etc/selo/server.toml.
const exampleConfig = "../../build/linux/server.toml"

// tomlKeys lists every key of t as section.key, from its toml tags.
func tomlKeys(t reflect.Type, prefix string) []string {
	var keys []string
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("toml")
		typ := f.Type
		if typ.Kind() == reflect.Slice {
			typ = typ.Elem()
		}
		if typ.Kind() == reflect.Struct {
			keys = append(keys, tomlKeys(typ, prefix+tag+".")...)
			continue
		}
		keys = append(keys, prefix+tag)
	}
	return keys
}

func TestShippedExampleConfigLoadsInEveryModeAndNamesEveryKey(t *testing.T) {
	b, err := os.ReadFile(exampleConfig)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	// As shipped (mode "proxy", secrets from systemd credentials).
	c, err := Load(exampleConfig)
	if err != nil || c.Web.Mode != ModeProxy || c.Web.Listen != DefaultListen {
		t.Fatalf("the shipped example: %+v %v", c.Web, err)
	}
	// Every key the code reads is shown (set or commented) in its section.
	sections := map[string]string{}
	cur := ""
	for _, line := range strings.Split(text, "\n") {
		l := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "#"))
		if m := regexp.MustCompile(`^\[\[?([a-z]+)\]\]?$`).FindStringSubmatch(l); m != nil {
			cur = m[1]
		} else if m := regexp.MustCompile(`^([a-z_]+) = `).FindStringSubmatch(l); m != nil {
			sections[cur+"."+m[1]] = l
		}
	}
	for _, k := range tomlKeys(reflect.TypeFor[Config](), "") {
		if _, ok := sections[k]; !ok {
			t.Errorf("the example config does not show %s", k)
		}
	}
	// Every commented key uncommented, in each mode, still loads: the
	// example's values are ones the code accepts.
	all := regexp.MustCompile(`(?m)^# ((?:\[\[clicksign\]\])|(?:[a-z_]+ = .*))$`).ReplaceAllString(text, "$1")
	for _, mode := range []string{ModeProxy, ModeACME, ModeStatic} {
		p := filepath.Join(t.TempDir(), "server.toml")
		v := strings.Replace(all, `mode = "proxy"`, `mode = "`+mode+`"`, 1)
		if err := os.WriteFile(p, []byte(v), 0o600); err != nil {
			t.Fatal(err)
		}
		c, err := Load(p)
		if err != nil || c.Web.Mode != mode || len(c.Clicksign) != 1 || c.Web.PublicURL != "https://selo.imobiliaria.com.br" {
			t.Errorf("mode %s with every key set: %+v %v", mode, c.Web, err)
		}
	}
}
