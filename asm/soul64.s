; ===========================================================================
; soul64.s — the C64 program: a tiny int8 transformer chatbot
;
; Assembled by lib/link (or ACME 0.97, byte for byte the same) with:
;   defines  VS ED NH HD FF NL SL (the soul's shape), ARGMAX_FIRST (4 legacy,
;            3 "end"), G_ED = ceil(ED/8), G_FF = ceil(FF/8), G_MAX = max,
;            NORM_SHIFT, NMERGES, CODE_START (one source of truth:
;            lib/link computes them from the Soul and the Tokenizer);
;   files    soul_data.s (generated: layer records, matrix descriptors,
;            tokenizer tables, texts) and the binary blobs it !binary-includes.
;
; MEMORY MAP (default shape; formatMemoryMap(link(soul, tok).map) prints the real one)
;   $0000-$0001  6510 port: $01 = $36 while running (BASIC ROM out)
;   $0002-$008F  engine zero page (saved on entry, restored on exit: zp.s)
;   $0090-$03FF  KERNAL / stack / vectors (untouched)
;   $0400-$07FF  screen
;   $0801-$080C  BASIC stub: 10 SYS2061
;   $080D-...    code (this file's !source list), then the soul: layer
;                records, descriptors, masks (the weights as bit planes),
;                biases, gains, embeddings, tokenizer
;   prg_end      end of the PRG (must not pass bss_start)
;   bss_start    work buffers, not in the PRG, set up by engine_init / step:
;                vectors, token buffers, score arrays, accA
;   STAB         subset-sum tables, G_MAX × 512 bytes, up to $CFFF
;   $D000-$DFFF  I/O (border, SID)
;   $E000-$E7FF  FLO/FHI: quarter squares f(n) = n²/4, n = -384..511, in the
;                RAM under the KERNAL ROM (step runs with $01 = $35, SEI)
;   $E800-$FFF9  the KV cache when it fits there (else below STAB)
;   $FFFA-$FFFF  NMI/IRQ vectors -> an RTI while the KERNAL is banked out
; ===========================================================================

!cpu 6502
!source "zp.s"

        * = CODE_START          ; $080D: lib/link puts the BASIC stub (10 SYS2061) before it
        jmp start

!source "main.s"
!source "tok.s"
!source "step.s"
!source "att.s"
!source "nn.s"
!source "mv.s"
!source "math.s"
code_end:

!source "soul_data.s"
prg_end:

; ---------------------------------------------------------------------------
; Work buffers (BSS). Laid out downwards from BSS_TOP; nothing here is
; emitted into the PRG.
; ---------------------------------------------------------------------------
BSS_TOP  = $d000
STAB     = BSS_TOP - G_MAX * 512        ; page aligned
; Under the KERNAL ROM ($E000-$FFF9): read with $01 = $35, which step runs
; with (interrupts off; main.s points the NMI/IRQ vectors at an RTI).
FLO      = $e000                        ; 4 pages of low bytes
FHI      = FLO + $0400                  ; 4 pages of high bytes
KV_PLANE = ED * SL                      ; one layer's value plane
HMASK    = 8 * G_HD * SL                ; one head's key masks (kh or kl)
KM_LAYER = NH * 2 * HMASK               ; one layer's key masks
KV_SIZE  = NL * (KM_LAYER + 2 * KV_PLANE)
!if KV_SIZE <= $fffa - $e800 {
KV_KM    = $e800                        ; key masks (all layers)
LOW_TOP  = STAB                         ; below here: the other buffers
} else {
KV_KM    = STAB - KV_SIZE
LOW_TOP  = KV_KM
}
KV_VL    = KV_KM + NL * KM_LAYER        ; values by position, low bytes
KV_VH    = KV_VL + NL * KV_PLANE        ; values, high bytes XOR $80
KV_END   = KV_VH + NL * KV_PLANE
ACCA0    = LOW_TOP - 3 * 256            ; split-path row sums (3 planes)
ACCA1    = ACCA0 + 256
ACCA2    = ACCA1 + 256
H_LO     = ACCA0 - 2 * ED               ; the residual stream
H_HI     = H_LO + ED
XN_LO    = H_LO - 2 * ED                ; normed input of a matvec
XN_HI    = XN_LO + ED
Q_LO     = XN_LO - 2 * ED
Q_HI     = Q_LO + ED
KT_LO    = Q_LO - 2 * ED                ; the new k before it is cached
KT_HI    = KT_LO + ED
VT_LO    = KT_LO - 2 * ED               ; the new v
VT_HI    = VT_LO + ED
ATT_LO   = VT_LO - 2 * ED               ; attention output
ATT_HI   = ATT_LO + ED
Y_LO     = ATT_LO - 2 * ED              ; a matvec result to add to h
Y_HI     = Y_LO + ED
Z_LO     = Y_LO - 2 * FF                ; feed-forward hidden units
Z_HI     = Z_LO + FF
LOGITS_LO = Z_LO - 2 * VS
LOGITS_HI = LOGITS_LO + VS
UB_LO    = LOGITS_LO - 2 * 128          ; the input x of a matvec build
UB_HI    = UB_LO + 128
NA_LO    = UB_LO - 4 * 16               ; nibble subset sums
NA_HI    = NA_LO + 16
NB_LO    = NA_HI + 16
NB_HI    = NB_LO + 16
SC0      = NA_LO - 3 * SL               ; scaled attention scores sf (3 bytes)
SC1      = SC0 + SL
SC2      = SC1 + SL
WJ       = SC0 - SL                     ; softmax weights
NL0      = WJ - 6 * HD                  ; weighted sums Σ w·v_lo (3 bytes)
NL1      = NL0 + HD
NL2      = NL1 + HD
NH0      = NL2 + HD                     ; weighted sums Σ w·(v_hi XOR $80)
NH1      = NH0 + HD
NH2      = NH1 + HD
LINE     = NL0 - 96                     ; the typed line
IDS      = LINE - 96                    ; its ids
ZPSAVE   = IDS - (ZP_LAST - ZP_FIRST + 1)
KM_BASE  = ZPSAVE - 6                   ; the current layer's cache planes
VC_LO_BASE = KM_BASE + 2
VC_HI_BASE = KM_BASE + 4
ATT_DESC = KM_BASE - MD_SIZE            ; the score kernel's descriptor (mv.s)
RH0      = ATT_DESC - 8 * SL            ; raw key sums R_h, R_l (4 planes each)
RH1      = RH0 + SL
RH2      = RH1 + SL
RH3      = RH2 + SL
RL0      = RH3 + SL
RL1      = RL0 + SL
RL2      = RL1 + SL
RL3      = RL2 + SL
TB       = RH0 - 8                      ; a transposition's input
SAVE_SP  = TB - 1
SAVE_01  = SAVE_SP - 1
SAVE_D018 = SAVE_01 - 1
SAVE_BORDER = SAVE_D018 - 1
SAVE_MODE = SAVE_BORDER - 1
bss_start = SAVE_MODE
