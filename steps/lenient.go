package steps

import "github.com/tidwall/gjson"

// Assertions that leave a point to the behaviour that owns it. Whether an unset member is
// absent or empty ("" or []) is catalogue B16/B15, judged by read_back.feature; a scenario
// about turning factors off (B17), per-factor updates (B19) or a rejected call that changes
// nothing (B3, B7) asserts only that no factor is preferred, so one deviation (moto's
// PreferredMfaSetting: "") makes one scenario red, not four.

func (w *World) theValueAtIsAbsentOrEmptyString(path string) error {
	if err := w.succeeded(); err != nil {
		return err
	}
	v, err := w.at(path)
	if err != nil {
		return err
	}
	if v.Exists() && !(v.Type == gjson.String && v.String() == "") {
		return w.mismatch(path, `(absent or "")`, describe(v))
	}
	return nil
}
