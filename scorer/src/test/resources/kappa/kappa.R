# Reference values of Cohen's kappa for dev.backfire.scorer.agreement.CohensKappaTest, computed with
# R's psych package (cohen.kappa, unweighted kappa), independently of the Java code.
# Run: Rscript kappa.R > kappa.out   (R 4.2.2, psych 2.2.9 from Debian bookworm's r-cran-psych)
suppressPackageStartupMessages(library(psych))
cases <- list(
  # name = list(lexicon presence, judge presence), one element per message
  moderate = list(c(1,1,1,1,1,0,0,0,0,0,1,1,0,0,1,0,1,0,0,0),
                  c(1,1,1,0,1,0,0,1,0,0,1,0,0,0,1,0,1,1,0,0)),
  perfect  = list(c(1,0,1,0,1,1,0,0), c(1,0,1,0,1,1,0,0)),
  opposite = list(c(1,0,1,0,1,0), c(0,1,0,1,0,1)),
  skewed   = list(c(rep(1, 3), rep(0, 37)), c(1, 0, 1, rep(0, 34), 1, 1, 0)),
  chance   = list(c(1,1,0,0,1,1,0,0,1,0,1,0), c(1,0,1,0,0,1,1,0,1,1,0,0))
)
cat(sprintf("%-9s %3s %20s\n", "case", "n", "kappa"))
for (name in names(cases)) {
  a <- cases[[name]][[1]]; b <- cases[[name]][[2]]
  k <- suppressWarnings(cohen.kappa(cbind(a, b)))$kappa
  cat(sprintf("%-9s %3d %20.15f\n", name, length(a), k))
}
