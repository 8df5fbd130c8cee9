package reference

import (
	"encoding/json"
	"net/http"
	"strings"
)

// answer is the wire answer to one call. ServeHTTP builds it, an active
// mutation may rewrite it, and write puts it on the wire: the one place that
// renders answers (catalogue 1.1).
type answer struct {
	op          string // the operation called ("" when the target is unknown)
	contentType string
	requestID   string    // "" sends no x-amzn-RequestId header
	body        any       // the success body; nil is {}
	err         *apiError // non-nil: the call failed
}

func (a *answer) write(w http.ResponseWriter) {
	if a.requestID != "" {
		w.Header().Set("x-amzn-RequestId", a.requestID)
	}
	w.Header().Set("Content-Type", a.contentType)
	if a.err != nil {
		writeError(w, a.err)
		return
	}
	body := []byte("{}")
	if a.body != nil {
		b, err := json.Marshal(a.body)
		if err != nil {
			writeError(w, errInternal("internal error"))
			return
		}
		body = b
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

func writeError(w http.ResponseWriter, e *apiError) {
	// Header form seen on real AWS: "NotAuthorizedException:" (catalogue 1.1).
	w.Header().Set("x-amzn-ErrorType", e.Code+":")
	w.Header().Set("x-amzn-ErrorMessage", headerSafe(e.Message))
	status := e.Status
	if status == 0 {
		status = http.StatusBadRequest
	}
	w.WriteHeader(status)
	b, _ := json.Marshal(map[string]string{"__type": e.Code, "message": e.Message})
	_, _ = w.Write(b)
}

func headerSafe(s string) string {
	return strings.Map(func(r rune) rune {
		// Any control character would break the x-amzn-ErrorMessage header (catalogue 1.1);
		// a value such as MFAOptions.AttributeName "phone\u0007number" is echoed in the message.
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}
