# Reference values for the edge-case tests of the analysis module.
# Re-run with:  Rscript analysis/src/test/resources/edge-cases/edge-cases.R
# (R 4.2 with lme4 from Debian bookworm: apt-get install r-base-core r-cran-lme4).
# Every number asserted in the Java edge-case tests is printed here with 15 significant digits.
suppressPackageStartupMessages(library(lme4))
options(digits = 15)
show <- function(label, x) cat(sprintf("%-40s %s\n", label, paste(format(x, digits = 15), collapse = " ")))

## 1. Hedges' g (exact J) and Welch t-test on a tiny data set -----------------------------
a <- c(1.2, 2.5, 3.1, 0.4)      # group A (ratio 1.0)
b <- c(-0.3, 0.8, 0.1)          # group B (ratio 0.0)
na <- length(a); nb <- length(b); df <- na + nb - 2
sp <- sqrt(((na - 1) * var(a) + (nb - 1) * var(b)) / df)
d <- (mean(a) - mean(b)) / sp
J <- gamma(df / 2) / (sqrt(df / 2) * gamma((df - 1) / 2))
g <- J * d
se <- sqrt((na + nb) / (na * nb) + g^2 / (2 * (na + nb)))
show("hedges.J", J); show("hedges.g", g); show("hedges.se", se)
z975 <- 1.959964  # ANALYSIS.md fixes the 97.5% normal quantile to 7 digits
show("hedges.ciLow", g - z975 * se); show("hedges.ciHigh", g + z975 * se)
w <- t.test(a, b, var.equal = FALSE)
show("welch.t", unname(w$statistic)); show("welch.df", unname(w$parameter)); show("welch.p", w$p.value)

## 2. Mixed model with a boundary fit (run variance 0) --------------------------------------
# 6 runs x 3 agents; run means nearly equal so the REML estimate of the run variance is 0.
bd <- data.frame(
  run = rep(paste0("r", 1:6), each = 3),
  x   = rep(c(0, 0, 0, 1, 1, 1), each = 3),
  y   = c( 0.9, -1.1,  0.3,   -0.8, 1.2, -0.2,   0.1, 0.4, -0.4,
           2.2,  0.1,  1.6,    0.9, 2.4,  0.5,    1.8, 0.6,  1.3))
m0 <- lmer(y ~ 1 + x + (1 | run), data = bd, REML = TRUE,
           control = lmerControl(optimizer = "bobyqa", optCtrl = list(rhobeg = 1e-3, rhoend = 1e-14)))
vc <- as.data.frame(VarCorr(m0))
show("boundary.isSingular", isSingular(m0))
show("boundary.beta", fixef(m0)[["x"]]); show("boundary.intercept", fixef(m0)[["(Intercept)"]])
show("boundary.se", sqrt(diag(vcov(m0)))[2]); show("boundary.runVariance", vc$vcov[1])
show("boundary.residualVariance", vc$vcov[2]); show("boundary.REMLcrit", REMLcrit(m0))

## 3. Mixed model, interior fit, unbalanced groups, three fixed columns --------------------
set.seed(7)
nr <- 9; sizes <- c(3, 4, 5, 3, 4, 5, 3, 4, 5)
run <- rep(paste0("s", 1:nr), times = sizes)
x <- rep(rep(c(0, 0.5, 1), 3), times = sizes)
lang <- rep(rep(c("en", "ja", "ko"), each = 3), times = sizes)
u <- rnorm(nr, sd = 0.8)
y <- 0.3 + 1.5 * x + ifelse(lang == "ja", 0.4, ifelse(lang == "ko", -0.6, 0)) +
     rep(u, times = sizes) + rnorm(sum(sizes))
it <- data.frame(run, x, lang, y = round(y, 3))
lang_f <- factor(it$lang, levels = c("en", "ja", "ko"))
m1 <- lmer(y ~ x + lang_f + (1 | run), data = it, REML = TRUE,
           control = lmerControl(optimizer = "bobyqa", optCtrl = list(rhobeg = 1e-3, rhoend = 1e-14)))
cat("interior.data.y", paste(it$y, collapse = ","), "\n")
vc1 <- as.data.frame(VarCorr(m1))
show("interior.beta", fixef(m1)[["x"]]); show("interior.se", sqrt(diag(vcov(m1)))[2])
show("interior.fixef", unname(fixef(m1)))
show("interior.runVariance", vc1$vcov[1]); show("interior.residualVariance", vc1$vcov[2])
show("interior.REMLcrit", REMLcrit(m1))

## 4. OLS with interaction (lm) on the interior data set -----------------------------------
o <- summary(lm(y ~ x * lang_f, data = it))$coefficients
show("ols.estimate", unname(o[, 1])); show("ols.se", unname(o[, 2]))
show("ols.t", unname(o[, 3])); show("ols.p", unname(o[, 4]))

## 5. Holm, Pearson/cor.test, binomial sign test --------------------------------------------
show("holm", p.adjust(c(0.01, 0.04, 0.03, 0.005), method = "holm"))
gx <- c(0.5, -1.2, 2.1, 0.9, 1.4); pdi <- c(40, 35, 80, 54, 60)
ct <- cor.test(gx, pdi)
show("cor.r", unname(ct$estimate)); show("cor.t", unname(ct$statistic)); show("cor.p", ct$p.value)
show("binom.7of9", binom.test(7, 9, 0.5)$p.value)
show("binom.0of5", binom.test(0, 5, 0.5)$p.value)
show("binom.3of10", binom.test(3, 10, 0.5)$p.value)

## 6. Power of the two-sample t-test (both tails counted: strict = TRUE) --------------------
p1 <- power.t.test(delta = 0.8, sd = 1, sig.level = 0.05, power = 0.8, strict = TRUE)
show("power.n(g=0.8,a=.05,pow=.8)", p1$n); show("power.ceil", ceiling(p1$n))
p2 <- power.t.test(delta = 1.5, sd = 1, sig.level = 0.01, power = 0.9, strict = TRUE)
show("power.n(g=1.5,a=.01,pow=.9)", p2$n); show("power.ceil2", ceiling(p2$n))
show("power.at(n=8,g=1.2,a=.05)", power.t.test(n = 8, delta = 1.2, sd = 1, sig.level = 0.05, strict = TRUE)$power)
show("power.at(n=3,g=0.3,a=.05)", power.t.test(n = 3, delta = 0.3, sd = 1, sig.level = 0.05, strict = TRUE)$power)
