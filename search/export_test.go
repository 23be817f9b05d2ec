package search

// MaxFuzziness exposes maxFuzziness to the external tests.
var MaxFuzziness = maxFuzziness
